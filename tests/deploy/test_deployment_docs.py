"""The deployment guide (docs/deployment.md, formerly README's "Deployment" section) and
deploy/ stay true to the code: every environment variable the settings read is documented
there, and nginx's private-files location is the one Engage redirects to."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def deployment_section():
    return (ROOT / "docs" / "deployment.md").read_text()


def variables_read_by_settings():
    names = set()
    for path in (ROOT / "engage" / "settings").glob("*.py"):
        names |= set(re.findall(r'env(?:_bool|_list)?\(\s*"([A-Z][A-Z0-9_]*)"', path.read_text()))
    return names


def test_every_environment_variable_is_documented_in_the_deployment_section():
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)", deployment_section()))
    read = variables_read_by_settings()
    assert {"SECRET_KEY", "DATABASE_URL", "MEDIA_STORAGE"} <= read  # the scan works
    missing = sorted(read - documented)
    assert missing == [], f"Document these in docs/deployment.md: {missing}"


def test_nginx_serves_private_files_from_the_location_engage_redirects_to():
    location = settings.PRIVATE_FILES_NGINX_LOCATION
    assert location == "/_protected/"
    for config in ("engage.conf", "topology.conf.in"):
        text = (ROOT / "deploy" / "nginx" / config).read_text()
        block = re.search("location " + re.escape(location) + r" \{(.*?)\}", text, re.DOTALL)
        assert block is not None, config
        assert "internal;" in block.group(1)
