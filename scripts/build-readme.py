#!/usr/bin/env python3
"""Assembles README.md from the sections in docs/ (one file per part, kept next to the code owners' docs).

Run after editing a section: python3 scripts/build-readme.py
"""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
docs = root / 'docs'


def read(name: str, demote: int = 0, renames: dict | None = None) -> str:
    text = (docs / name).read_text().strip() + '\n'
    # Links between the section files point into docs/ once they stand in README.md.
    merged = {'e2e.md': '#end-to-end-tests-in-a-real-n8n', 'examples.md': '#example-workflows',
              'sandbox.md': '#run-it-the-sandbox', 'tflow.md': '#tflow', 'tflow-trigger.md': '#tflow-trigger',
              'papilio.md': '#brixpapilio', 'd2s.md': '#d2s-workflow', 'install.md': '#installing-the-package-in-your-n8n',
              'queue-mode.md': '#queue-mode', 'performance.md': '#performance', 'reliability.md': '#reliability'}
    text = re.sub(r'\]\(([\w.-]+\.md)(#[\w-]+)?\)',
                  lambda m: f']({m.group(2) or merged[m.group(1)]})' if m.group(1) in merged else m.group(0), text)
    text = re.sub(r'\]\((?!https?:|#|docs/)([\w.-]+\.md)', r'](docs/\1', text)
    text = re.sub(r'\]\((?!https?:|#|docs/)(images/)', r'](docs/\1', text)
    lines = []
    in_code = False
    for line in text.splitlines():
        if line.startswith('```'):
            in_code = not in_code
        if not in_code and re.match(r'^#{1,6} ', line):
            hashes, title = line.split(' ', 1)
            title = (renames or {}).get(title, title)
            line = '#' * min(6, len(hashes) + demote) + ' ' + title
            if title in (renames or {}).values() and title.startswith('!'):
                pass
        lines.append(line)
    return '\n'.join(lines) + '\n'


def retitle(text: str, mapping: dict) -> str:
    for old, new in mapping.items():
        text = text.replace(old + '\n', new + '\n', 1)
    return text


sections = [
    read('README.head.md'),
    read('install.md'),
    read('tflow.md'),
    read('tflow-trigger.md'),
    retitle(read('papilio.md', demote=1), {
        '## brix:papilio': '## brix:papilio',
        '### Credentials': '### papilio credentials',
        '### The brix:papilio node': '### The brix:papilio node',
        '### The brix:papilio Trigger': '## brix:papilio Trigger',
        '### Tests': '### brix:papilio tests',
    }),
    read('d2s.md'),
    read('examples.md'),
    read('sandbox.md'),
]
development = ['## Development and tests\n\n'
               'The code lives in one folder per system (`nodes/Tflow`, `nodes/Papilio`, `nodes/D2sWorkflow`) with a thin node\n'
               'class, one file per operation under `actions/<resource>/<operation>.ts` and one `transport.ts` per system, the only\n'
               'module that speaks HTTP. Helpers shared by the systems are in `nodes/shared`.\n\n'
               '| layer | where | what it proves |\n|---|---|---|\n'
               '| unit | `test/unit` | pure logic: status bitmask codec, error text, multipart building, secrets, emulator rules |\n'
               '| integration | `test/integration` | every operation run through n8n-core\'s own execution code (`test/harness`) against the emulators, asserting what the emulator received and what the node output; reliability (token expiry, retries, faults, bad input, secrets) |\n'
               '| e2e | `test/e2e` | the packed package installed into a real n8n 2.8.4 and 2.40.7 (and queue mode) |\n'
               '| bench | `bench/` | figures, not pass/fail (`npm run bench`) |\n\n'
               'The emulators in `test/emulators` follow the API documents and are documented in\n'
               '[docs/tflow-emulator.md](docs/tflow-emulator.md), [docs/papilio-emulator.md](docs/papilio-emulator.md) and the D2S section above.\n\n'
               '```bash\nnpm ci\nnpm run lint      # n8n\'s lint rules for community packages\nnpm run build\nnpm test          # everything CI runs (SKIP_E2E=1 to leave out the real-n8n suite)\nnpm run sandbox   # try it\nnpm run bench     # the performance figures\n```\n']
for optional in ['e2e.md', 'reliability.md']:
    if (docs / optional).exists():
        development.append(read(optional, demote=1))
if (docs / 'queue-mode.md').exists():
    development.append(retitle(read('queue-mode.md', demote=2), {'### Queue mode (scaling n8n out)': '### Queue mode'}))
sections.append('\n'.join(development))
if (docs / 'performance.md').exists():
    sections.append(read('performance.md'))
sections.append(read('troubleshooting.md'))
sections.append('## License\n\n[MIT](LICENSE.md)\n')

(root / 'README.md').write_text('\n'.join(s.rstrip() + '\n' for s in sections))
print('README.md written:', sum(s.count('\n') for s in sections), 'lines')
