import { useEffect, useRef } from 'react';

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Calls `onIdle` after `minutes` without keyboard, mouse or touch activity, and `onWarn` a minute
 * before. The bff enforces its own idle limit (AUTH.SESSION_IDLE); this signs the user out on
 * screen too, so an unattended screen does not keep showing data.
 */
export function useIdleTimeout(minutes: number, onIdle: () => void, onWarn?: () => void) {
  const last = useRef(Date.now());
  const warned = useRef(false);
  const handlers = useRef({ onIdle, onWarn });
  handlers.current = { onIdle, onWarn };

  useEffect(() => {
    const limit = minutes * 60_000;
    const touch = () => {
      last.current = Date.now();
      warned.current = false;
    };
    EVENTS.forEach((e) => window.addEventListener(e, touch, { passive: true, capture: true }));
    const timer = window.setInterval(() => {
      const idle = Date.now() - last.current;
      if (idle >= limit) {
        window.clearInterval(timer);
        handlers.current.onIdle();
      } else if (idle >= limit - 60_000 && !warned.current) {
        warned.current = true;
        handlers.current.onWarn?.();
      }
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      EVENTS.forEach((e) => window.removeEventListener(e, touch, { capture: true }));
    };
  }, [minutes]);
}
