import type { NoticeView } from '@dzky/contracts';

/** Whether passengers see a notice now: 未发布, 待生效, 展示中 or 已过期. */
export function noticeState(n: Pick<NoticeView, 'published' | 'validFrom' | 'validUntil'>, now = Date.now()): 'draft' | 'scheduled' | 'live' | 'ended' {
  if (!n.published) return 'draft';
  if (n.validFrom && Date.parse(n.validFrom) > now) return 'scheduled';
  if (n.validUntil && Date.parse(n.validUntil) <= now) return 'ended';
  return 'live';
}
