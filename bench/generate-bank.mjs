// Writes a valid bank of any size as YAML text, with every item type, cases and
// scenarios, and no lint warnings: the load a large organisation's bank puts on `validate`.

const COMPETENCIES = ['understanding', 'communicating', 'professionalism', 'extra-mile', 'resolution', 'empathy', 'product', 'compliance', 'systems', 'escalation'];
const WORDS = 'customer agent refund parcel account charge delivery order promise apology update billing ticket callback manager policy follow-up record outcome identity'.split(' ');

function sentence(seed, length) {
  const words = [];
  for (let i = 0; i < length; i += 1) words.push(WORDS[(seed * 7 + i * 13) % WORDS.length]);
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1);
}

function item(n) {
  const id = `q${String(n).padStart(5, '0')}`;
  const competency = COMPETENCIES[n % COMPETENCIES.length];
  const head = [`  - id: ${id}`, `    competency: ${competency}`, `    stem: "${sentence(n, 12)}?"`, `    explanation: "${sentence(n + 3, 14)}."`];
  if (n % 50 === 0) head.push(`    case: case-${n % 20}`);
  const options = (count) =>
    Array.from({ length: count }, (_, i) => `      - { id: ${String.fromCharCode(97 + i)}, text: "${sentence(n + i, 6 + ((n + i) % 3))} ${i}" }`);
  switch (n % 6) {
    case 0:
      return [...head, '    type: single', '    options:', ...options(4), `    answer: ${'abcd'[n % 4]}`].join('\n');
    case 1:
      return [...head, '    type: multiple', '    options:', ...options(5), '    answer: [a, c]', '    scoring: { mode: partial, negative: true }'].join('\n');
    case 2:
      return [...head, '    type: true-false', `    answer: ${n % 4 === 2}`].join('\n');
    case 3:
      return [...head, '    type: ordering', '    options:', ...options(4), '    answer: [b, a, d, c]'].join('\n');
    case 4:
      return [...head, '    type: rating', '    scale: { min: 1, max: 5 }', '    options:', ...options(3).map((line, i) => line.replace(/ }$/, `, key: ${i + 2} }`))].join('\n');
    default:
      return [
        ...head,
        '    type: scenario',
        '    start: s1',
        '    steps:',
        `      - id: s1`,
        `        customer: "${sentence(n, 10)}."`,
        '        choices:',
        `          - { id: a, text: "${sentence(n + 1, 8)}", points: { ${competency}: 2 }, next: s2 }`,
        `          - { id: b, text: "${sentence(n + 2, 8)}", next: s3 }`,
        `      - id: s2`,
        `        customer: "${sentence(n + 3, 10)}."`,
        '        choices:',
        `          - { id: a, text: "${sentence(n + 4, 8)}", points: { ${competency}: 1 }, next: s3 }`,
        `      - { id: s3, customer: "${sentence(n + 5, 6)}.", outcome: Resolved }`,
      ].join('\n');
  }
}

export function generateBank(count) {
  const lines = [
    '# yaml-language-server: $schema=../schemas/question-bank.schema.json',
    `id: generated-${count}`,
    'version: 1.0.0',
    `title: Generated bank of ${count} items`,
    'competencies:',
    ...COMPETENCIES.map((id) => `  - { id: ${id}, title: "${sentence(id.length, 3)}", weight: 1, floor: 50 }`),
    'policy:',
    '  timeLimitMinutes: 60',
    '  passMark: 70',
    '  draws:',
    ...COMPETENCIES.map((id) => `    ${id}: 5`),
    'cases:',
    ...Array.from({ length: 20 }, (_, i) => `  - { id: case-${i}, title: "Case ${i}", channel: chat, text: "${sentence(i, 30)}." }`),
    'items:',
  ];
  for (let n = 0; n < count; n += 1) lines.push(item(n));
  return `${lines.join('\n')}\n`;
}
