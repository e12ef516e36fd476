/** Texts of the archive pages (a namespace of zh-CN.ts; en-US has the same keys). */
const archive = {
  placeholder: '建设中',
};

export default archive;
