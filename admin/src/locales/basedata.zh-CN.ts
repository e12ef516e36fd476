/** Texts of the basedata pages (a namespace of zh-CN.ts; en-US has the same keys). */
const basedata = {
  placeholder: '建设中',
};

export default basedata;
