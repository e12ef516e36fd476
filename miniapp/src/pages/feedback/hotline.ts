import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { feedbackApi } from './feedback-api';

/** The customer service hotline from the bff; null until known (or when it cannot be read). */
export function useHotline(): string | null {
  const [hotline, setHotline] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    feedbackApi
      .settings()
      .then((s) => live && setHotline(s.hotline))
      .catch(() => undefined); // the entry just shows no number
    return () => {
      live = false;
    };
  }, []);
  return hotline;
}

/** Dials the hotline: the phone's dialler in the mini-program, a tel: link in H5 (Taro does both). */
export function callHotline(hotline: string | null): void {
  if (!hotline) return;
  // the passenger may cancel the dialler: nothing to report
  void Taro.makePhoneCall({ phoneNumber: hotline.replace(/[^\d+]/g, '') }).catch(() => undefined);
}
