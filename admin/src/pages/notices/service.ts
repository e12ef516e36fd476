import type { NoticeInput, NoticeQuery, NoticeView, Page } from '@dzky/contracts';
import { http, type Query } from '../../request';

const BASE = '/api/admin/notices';

/** 信息发布: notices passengers see on the home page and the trip page. */
export const noticeApi = {
  list: (q: NoticeQuery) => http.get<Page<NoticeView>>(BASE, q as Query),
  // the form puts field errors on its fields
  create: (req: NoticeInput) => http.post<NoticeView>(BASE, req, { silent: true }),
  update: (id: number, req: NoticeInput) => http.put<NoticeView>(`${BASE}/${id}`, req, { silent: true }),
  remove: (id: number) => http.del<null>(`${BASE}/${id}`),
};
