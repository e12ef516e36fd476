/**
 * Pieces every list page (base data, archives) shares. Texts are under `dataTable.*`.
 *
 * Spreadsheets (all-or-nothing import, IMPORT.INVALID_ROWS shown row by row):
 *   const calls = spreadsheetApi('/api/admin/vehicles');   // export / import-template / import
 *   <ImportExport calls={calls} filters={currentFilters} canWrite={canWrite}
 *     entity="车辆" fileStem="vehicles" columnLabel={label} hint={…optional rules text}
 *     onImported={(r) => reload()} />                       // 导入 + 导出 buttons, dialog inside
 *   <ImportModal open onClose calls entity fileStem columnLabel hint onImported />
 *                                                           // the dialog alone (e.g. from a Dropdown)
 *   importProblems(err.errors) reads `{ row, column }` or the field text "第3行·车牌号",
 *   "3.plateNo", "rows[3].plateNo", "row 3"; sorted by row. The dialog shows the counts
 *   (created, updated ?? 0) after an accepted file and stays open.
 *
 * History: <HistoryTimeline load={() => api.history(id)} version={record.updatedAt}
 *   fieldLabel actionLabel actionColor />; items are HistoryItem (= archive HistoryEntry:
 *   id, action, actorName, at, summary?, changes?: {field, from, to}[]), newest first.
 *
 * List pages: usePagedList(fetch, initialFilters) → { items, loading, load, search, pagination };
 *   <FilterCard form onSearch initialValues>{<Col>…</Col>}<EnabledFilter /></FilterCard>
 *     (form value 'true' | 'false'; boolOf(v) → boolean | undefined for the query);
 *   <ListToolbar onRefresh>{buttons}</ListToolbar>; <StatusCell enabled operable blockers />;
 *   <RowActions canWrite enabled onEdit|open onToggle onHistory />;
 *   useToggleConfirm()({ enabled, title, content, run, then }).
 */
export { default as ImportExport, ImportModal, type ImportExportProps, type ImportModalProps } from './ImportExport';
export { default as HistoryTimeline, showValue, type HistoryItem, type HistoryTimelineProps } from './HistoryTimeline';
export { badRowCount, importProblems, type ImportProblem } from './import-errors';
export { spreadsheetApi, type ImportCounts, type SpreadsheetCalls } from './spreadsheet';
export { EnabledFilter, boolOf, FilterCard, ListToolbar, RowActions, StatusCell, usePagedList, useToggleConfirm, type Paging } from './list';
