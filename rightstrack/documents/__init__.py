"""Documents and their renderers: the report model, HTML/DOCX/PDF writers and PNG charts, shared by
tracking's reports and the elections briefing."""
