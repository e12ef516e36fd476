import type { Messages } from './zh-CN';

const basedata: Messages['basedata'] = {
  placeholder: 'Coming soon',
};

export default basedata;
