import type { Messages } from './zh-CN';

/** The shared list-page pieces in components/data-table: import/export and history. */
const dataTable: Messages['dataTable'] = {
  import: 'Import',
  export: 'Export',
  template: 'Template',
  templateSuffix: 'import-template',
  importTitle: 'Import {{entity}}',
  rules: 'Fill in the downloaded template (.xlsx, up to 10 MB). If any row is wrong, nothing is imported.',
  drop: 'Click or drag an Excel file here',
  dropHint: '.xlsx only',
  onlyXlsx: 'Upload an Excel file in .xlsx format',
  tooLarge: 'The file must not exceed 10 MB',
  uploading: 'Uploading and checking {{name}}…',
  doneTitle: 'Imported',
  imported: '{{created}} created, {{updated}} updated',
  failed: 'Import failed',
  rowsRejected: '{{problems}} problems in {{rows}} rows. Correct them and upload again.',
  problemTable: 'Import problems',
  row: 'Row',
  column: 'Column',
  reason: 'Problem',
  close: 'Close',
  historyShort: 'History',
  notOperable: 'Not operable',
  historyEmpty: 'No changes recorded',
  system: 'System',
};
export default dataTable;
