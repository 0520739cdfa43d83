"""Demo impact assessment (filled in below)."""


def load_demo(data_dir, context):
    return None
