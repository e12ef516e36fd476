import type { Messages } from './zh-CN';

const archive: Messages['archive'] = {
  placeholder: 'Coming soon',
};

export default archive;
