from modeldesk.cli import run

run()
