export default {
  invalid: 'The terminal config {{file}} has {{count}} problem(s); fix each and restart:',
  fieldProblem: 'Field {{field}} has an invalid value {{value}}: {{detail}}',
  absent: '(missing)',
  unreadable: 'Cannot read the terminal config {{file}}: {{reason}}. Check the path and file permissions.',
  notJson: 'The terminal config {{file}} is not valid JSON: {{reason}}. Compare it with kiosk-config/example.json.',
} as const;
