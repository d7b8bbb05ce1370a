"""Notice extraction: an official notice in, draft catalog entries out.

readers/ turn a file (text, HTML, DOCX, XLSX, PDF) into one document model (`document.NoticeText`:
the text and where each character came from); normalize.py prepares that text; recognise/ finds the
notice's facts (source, platforms, contacts); draft/ matches them against the catalog and writes YAML.
"""
