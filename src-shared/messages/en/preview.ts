// Messages of `minsheng preview`.
export default {
  summary: 'Preview the unpublished data in a local browser, as villagers will see it on the kiosk',
  help: [
    'Usage: minsheng preview --data FOLDER [--port PORT] [--static DIR] [--error-limit COUNT]',
    '',
    '  --data         the data folder to publish (the same as --data of minsheng publish)',
    '  --port         TCP port on 127.0.0.1 (default {{defaultPort}}; 0 picks a free port)',
    '  --static       folder of the built screens (default: dist/renderer of this package)',
    '  --error-limit  how many errors to list when the data has errors (default 100)',
    '',
    'The preview is not signed and not written to the content directory, so no terminal sees it. Press Ctrl+C to end it; its temporary data is deleted then.',
  ].join('\n'),
  building: 'Checking {{dir}} and building the preview data...',
  rejected: 'The data has errors, so it cannot be previewed. Fix these first (minsheng check writes the full report):',
  errorCount: 'Showing {{shown}} of {{total}} errors.',
  ready: 'Preview data built: {{code}} {{name}}, data as of {{dataAsOf}}.',
  counts: '{{households}} households, {{persons}} persons, {{payments}} payments.',
  warnings: 'There are also {{count}} warnings; see the report of minsheng check.',
  notPublished: 'This is a preview and is not published, so no terminal sees it. When it is right, sign and publish it with minsheng publish.',
} as const;
