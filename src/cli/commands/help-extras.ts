import type { Command } from 'commander';

/**
 * Examples for commands whose definition has none of its own (config, init,
 * validate and trust write theirs), and the exit codes `verify` scripts need.
 * Kept in one place so each command file stays a plain option list.
 */
const EXAMPLES: Record<string, string[]> = {
  take: [
    'frontline take question-banks/starter.yaml',
    'frontline take banks/returns.yaml --extra-time 1.5',
    'frontline take --resume',
  ],
  history: ['frontline history', 'frontline history --employee E1042 --json'],
  preview: ['frontline preview banks/returns.yaml --answers'],
  report: [
    'frontline report attempts/ --bank banks/returns.yaml --by site',
    'frontline report --compare before/ after/ --bank banks/returns.yaml',
    'frontline report attempts/ --bank banks/chat.yaml --marks marks.jsonl',
  ],
  import: ['frontline import gift moodle-export.gift -o banks/imported.yaml', 'frontline import gift quiz.gift -o banks/quiz.yaml --json'],
  keys: ['frontline keys generate --org "Acme Support" --out keys/', 'frontline keys generate --org Acme --url https://acme.example --force'],
  issue: ['frontline issue attempt.json --bank banks/returns.yaml \\', '    --key keys/issuer-key.pem --out certs/'],
  verify: ['frontline verify certs/ --trust trust.json', 'frontline verify certs/ --json --at 2027-01-01 > verdicts.json'],
  revoke: ['frontline revoke urn:uuid:0b4cf0a6-… --reason "issued in error" \\', '    --key keys/issuer-key.pem'],
  export: ['frontline export certs/ --trust trust.json --profile workday > hr.csv', 'frontline export certs/ --unverified --format jsonl'],
  sync: ['frontline sync', 'frontline sync --add attempt.json --bank banks/returns.yaml --json'],
  assign: [
    'frontline assign question-banks/complaint-handling.yaml --employee E1042 \\',
    '    --name "Dana Li" --extra-time 1.5 --reason "dyslexia" \\',
    '    --key keys/issuer-key.pem --out a.json',
    'frontline assign question-banks/live-chat.yaml --roster cohort.csv \\',
    '    --key keys/issuer-key.pem --out assignments/',
  ],
  'host assign': [
    'frontline --data-dir /srv/frontline host assign \\',
    '    question-banks/complaint-handling.yaml --to group:team-a --to E123',
    'frontline --data-dir /srv/frontline host assign banks/chat.yaml \\',
    '    --to E123 --extra-time 1.5 --reason "dyslexia" --closes 2027-01-31',
    'frontline --data-dir /srv/frontline host assign banks/chat.yaml \\',
    '    --to group:team-b --skip-existing --json',
  ],
  'host status': ['frontline --data-dir /srv/frontline host status', 'watch -n 10 frontline --data-dir /srv/frontline host status'],
  'host extend': [
    'frontline --data-dir /srv/frontline host extend --employee E123 \\',
    '    --minutes 10 --reason "network outage 10:05"',
    'frontline --data-dir /srv/frontline host extend --attempt 3f2a… \\',
    '    --minutes 5 --reason "fire drill" --by "Sam Reyes"',
  ],
  'host issue': [
    'frontline --data-dir /srv/frontline mark --bank banks/chat.yaml \\',
    '    --marker "Ann Lee"',
    'frontline --data-dir /srv/frontline host issue',
    'frontline --data-dir /srv/frontline host issue --attempt 3f2a… --json',
  ],
  mark: [
    'frontline mark --bank banks/chat.yaml --marker "Ann Lee"',
    'frontline mark attempts/ --bank banks/chat.yaml --marker "Bo Chen" --second',
    'frontline mark --bank banks/chat.yaml --marker "Cy Diaz" --third',
    'frontline mark --bank banks/chat.yaml --json',
  ],
  seal: [
    'frontline seal question-banks/complaint-handling.yaml \\',
    '    --key keys/issuer-key.pem -o complaint-handling.sealed.json',
  ],
};

const VERIFY_EXIT_CODES = [
  'Exit status: 0 every certificate valid; when all failures share a reason,',
  "that reason's code:",
  '  10 bad-signature   11 untrusted-issuer   12 expired   13 revoked',
  '  14 not-yet-valid   15 malformed (not JSON, truncated, not a certificate)',
  '  16 status-unknown  17 status-conflict  18 delivery-refused',
  '  19 key-compromised  4 unreadable',
  '1 when reasons differ; 2 usage (no trust file, bad option).',
];

/** Adds the examples, the verify exit codes, and "(required)" on required options, to subcommands too (`host assign`). */
export function addHelpExtras(program: Command, prefix = ''): void {
  for (const command of program.commands) {
    addHelpExtras(command, `${prefix}${command.name()} `);
    for (const option of command.options) {
      if (option.mandatory && !option.description.startsWith('(required)')) option.description = `(required) ${option.description}`;
    }
    const lines: string[] = [];
    if (`${prefix}${command.name()}` === 'verify') lines.push('', ...VERIFY_EXIT_CODES);
    const examples = EXAMPLES[`${prefix}${command.name()}`];
    if (examples) lines.push('', examples.length === 1 ? 'Example:' : 'Examples:', ...examples.map((e) => `  ${e}`));
    if (lines.length > 0) command.addHelpText('after', lines.join('\n'));
  }
}
