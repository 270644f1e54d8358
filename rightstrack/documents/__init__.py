"""Documents and their renderers: the report model, HTML/DOCX/PDF writers, PNG charts and the
XLSX style, shared by tracking's reports, the elections briefing and the exports."""
