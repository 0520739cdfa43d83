"""Just enough of a PDF reader to check what reportlab drew, without a PDF library
(none is a project dependency): the embedded fonts, and the text of each page as the
characters its glyphs stand for (through each font's ToUnicode map), in the order they
are drawn, that is visual order, one line per text-positioning operator."""

import base64
import re
import zlib
from dataclasses import dataclass, field

OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
REFERENCE = r"/{key}\s+(\d+) 0 R"


@dataclass
class Pdf:
    objects: dict  # number -> (dictionary bytes, decoded stream bytes or None)
    fonts: dict = field(default_factory=dict)  # object number -> Font

    def value(self, number, key):
        match = re.search(REFERENCE.format(key=key).encode(), self.objects[number][0])
        return int(match.group(1)) if match else None


@dataclass
class Font:
    base_name: str
    embedded: bool
    to_unicode: dict  # byte -> str


def _decode(dictionary, data):
    filters = re.findall(rb"/(ASCII85Decode|FlateDecode)", dictionary)
    for name in filters:
        if name == b"ASCII85Decode":
            data = re.sub(rb"\s", b"", data)
            data = base64.a85decode(data.removesuffix(b"~>"))
        else:
            data = zlib.decompress(data)
    return data


def read(data):
    """Parse the PDF bytes `data` into a `Pdf` with its fonts resolved."""
    objects = {}
    for match in OBJECT.finditer(data):
        body = match.group(2)
        stream = None
        if b"stream" in body:
            head, _, rest = body.partition(b"stream")
            rest = rest.lstrip(b"\r\n")
            stream = _decode(head, rest[: rest.rindex(b"endstream")].rstrip(b"\r\n"))
            body = head
        objects[int(match.group(1))] = (body, stream)
    pdf = Pdf(objects)
    for number, (body, _stream) in objects.items():
        if b"/Type /Font" not in body or b"/Subtype /TrueType" not in body:
            continue
        base = re.search(rb"/BaseFont /(\S+)", body).group(1).decode()
        descriptor = pdf.value(number, "FontDescriptor")
        embedded = descriptor is not None and pdf.value(descriptor, "FontFile2") is not None
        cmap = {}
        unicode_map = pdf.value(number, "ToUnicode")
        if unicode_map is not None:
            text = objects[unicode_map][1].decode("latin-1")
            for code, value in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4,})>", text):
                cmap[int(code, 16)] = bytes.fromhex(value).decode("utf-16-be")
        pdf.fonts[number] = Font(base, embedded, cmap)
    return pdf


def _literal(data, start):
    """The bytes of the PDF literal string starting after `(` at `start`, and the
    position after its closing `)`."""
    out, depth, i = bytearray(), 1, start
    while True:
        char = data[i]
        if char == 0x5C:  # backslash
            nxt = data[i + 1]
            if 0x30 <= nxt <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4]).group(0)
                out.append(int(digits, 8))
                i += 1 + len(digits)
                continue
            out.append(
                {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}.get(nxt, nxt)
            )
            i += 2
            continue
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(char)
        i += 1


TOKEN = re.compile(rb"\(|/[^\s/\[\]()<>]+|[A-Za-z*']+|[-+.\d]+|\[|\]|<[0-9A-Fa-f\s]*>|\S")


def page_texts(pdf):
    """The text drawn on each page, in drawing order, a newline at each move."""
    pages = []
    for number, (body, _stream) in sorted(pdf.objects.items()):
        if not re.search(rb"/Type /Page(?![s\w])", body):
            continue
        resources = {
            name.decode(): int(ref)
            for name, ref in re.findall(rb"/(F\d+(?:\+\d+)?) (\d+) 0 R", _font_dict(pdf, body))
        }
        contents = pdf.value(number, "Contents")
        pages.append(_text(pdf, pdf.objects[contents][1], resources))
    return pages


def _font_dict(pdf, page_body):
    resources = re.search(rb"/Resources\s+(\d+) 0 R", page_body)
    body = pdf.objects[int(resources.group(1))][0] if resources else page_body
    fonts = re.search(rb"/Font\s+(\d+) 0 R", body)
    if fonts:
        return pdf.objects[int(fonts.group(1))][0]
    inline = re.search(rb"/Font\s*<<(.*?)>>", body, re.S)
    return inline.group(1) if inline else b""


def _text(pdf, content, resources):
    out, font, operands, i = [], None, [], 0
    while True:
        match = TOKEN.search(content, i)
        if not match:
            break
        token, i = match.group(0), match.end()
        if token == b"(":
            raw, i = _literal(content, i)
            operands.append(raw)
        elif token.startswith(b"/"):
            operands.append(token[1:].decode())
        elif token == b"Tf":
            names = [o for o in operands if isinstance(o, str)]
            font = pdf.fonts.get(resources.get(names[-1])) if names else None
            operands = []
        elif token in (b"Tj", b"TJ", b"'", b'"'):
            if token in (b"'", b'"'):
                out.append("\n")
            for raw in operands:
                if isinstance(raw, bytes) and font is not None:
                    out.append("".join(font.to_unicode.get(byte, "\ufffd") for byte in raw))
            operands = []
        elif token in (b"Td", b"TD", b"T*", b"Tm", b"ET"):
            out.append("\n")
            operands = []
        elif re.fullmatch(rb"[A-Za-z*]+", token):
            operands = []
    return re.sub(r"\n+", "\n", "".join(out))
