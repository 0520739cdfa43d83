"""One module per export format. Each reads `consultations.exports.data`, never the
models directly, so every format contains exactly the same comments and numbers.

- `csvfile.csv_chunks` / `jsonfile.json_chunks`: generators of text, streamed to the
  browser (StreamingHttpResponse) or written to a file by the background task;
- `xlsx.write_xlsx`: an openpyxl write-only workbook written to a file object;
- `pdf.report_pdf`: the aggregate report with charts, as bytes.

`progress(rows_done)` callbacks, where taken, are called after each chunk of rows.
"""
