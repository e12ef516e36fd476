import Taro from '@tarojs/taro';

/** A short message; `icon: 'none'` lets the text use two lines, which Chinese messages need. */
export function toast(title: string, icon: 'none' | 'success' = 'none'): void {
  void Taro.showToast({ title, icon, duration: 2000 });
}
