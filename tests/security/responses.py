"""What a response shows the user, as text: pages, streamed CSV and XLSX workbooks alike."""

import contextlib
import io
import json
import zipfile


def response_text(response):
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if raw[:2] == b"PK":
        # A workbook: its cells are XML inside the zip.
        with zipfile.ZipFile(io.BytesIO(raw)) as workbook:
            raw = b"\n".join(workbook.read(name) for name in workbook.namelist())
    text = raw.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # Modal choosers answer with HTML inside JSON, its non-ASCII escaped.
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return text
