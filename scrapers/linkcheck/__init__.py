"""The link checker: scheduling (politeness, retries), one probe per URL, classes of answers,
the URLs to check (sources), settings (config), progress, reports and the command (cli)."""
