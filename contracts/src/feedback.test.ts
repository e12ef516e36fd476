import {
  COMPLAINT_EVENTS, COMPLAINT_MACHINE, COMPLAINT_STATUSES, complaintNoteProblem, complaintRequestProblems, hotlineComplaintProblems, ratingRequestProblems,
} from './feedback';
import { InvalidTransitionError, canApply, nextState } from './order';

describe('R-6.2.8 complaint state machine', () => {
  it('an item is submitted, accepted into processing, replied to, then resolved or closed', () => {
    expect(COMPLAINT_MACHINE.initial).toBe('submitted');
    expect(nextState(COMPLAINT_MACHINE, 'submitted', 'ACCEPTED')).toBe('processing');
    expect(nextState(COMPLAINT_MACHINE, 'processing', 'REPLIED')).toBe('processing');
    expect(nextState(COMPLAINT_MACHINE, 'submitted', 'REPLIED')).toBe('processing');
    expect(nextState(COMPLAINT_MACHINE, 'processing', 'RESOLVED')).toBe('resolved');
    expect(nextState(COMPLAINT_MACHINE, 'submitted', 'CLOSED')).toBe('closed');
    expect(nextState(COMPLAINT_MACHINE, 'processing', 'CLOSED')).toBe('closed');
  });

  it('nothing leaves a final state, and an unaccepted item cannot be resolved', () => {
    for (const from of COMPLAINT_MACHINE.final) {
      for (const event of COMPLAINT_EVENTS) expect(canApply(COMPLAINT_MACHINE, from, event)).toBe(false);
    }
    expect(() => nextState(COMPLAINT_MACHINE, 'submitted', 'RESOLVED')).toThrow(InvalidTransitionError);
    expect(() => nextState(COMPLAINT_MACHINE, 'processing', 'ACCEPTED')).toThrow(InvalidTransitionError);
    // every state is reachable from the initial one
    const reached = new Set<string>([COMPLAINT_MACHINE.initial]);
    for (const e of COMPLAINT_EVENTS) for (const to of Object.values(COMPLAINT_MACHINE.transitions[e])) reached.add(to as string);
    expect([...reached].sort()).toEqual([...COMPLAINT_STATUSES].sort());
  });
});

describe('R-6.2.8 rating and complaint request checks', () => {
  const rating = { clientKey: 'abcdefgh1', orderId: 3, score: 5 };
  it('a rating needs 1–5 whole stars, known sub-scores and tags, and a comment of at most 300 characters', () => {
    expect(ratingRequestProblems(rating)).toEqual([]);
    expect(ratingRequestProblems({ ...rating, subScores: { driver: 4 }, tags: ['punctual', 'late'], comment: '好'.repeat(300) })).toEqual([]);
    expect(ratingRequestProblems({ ...rating, score: 0 })).toEqual([{ field: 'score', reason: '请选择 1–5 星' }]);
    expect(ratingRequestProblems({ ...rating, score: 4.5 })).toEqual([{ field: 'score', reason: '请选择 1–5 星' }]);
    expect(ratingRequestProblems({ ...rating, subScores: { driver: 6 } as never }).map((e) => e.field)).toEqual(['subScores.driver']);
    expect(ratingRequestProblems({ ...rating, subScores: { seats: 3 } as never }).map((e) => e.field)).toEqual(['subScores.seats']);
    expect(ratingRequestProblems({ ...rating, tags: ['great' as never] }).map((e) => e.field)).toEqual(['tags.0']);
    expect(ratingRequestProblems({ ...rating, tags: ['late', 'late'] }).map((e) => e.field)).toEqual(['tags']);
    expect(ratingRequestProblems({ ...rating, comment: '好'.repeat(301) }).map((e) => e.field)).toEqual(['comment']);
  });

  const complaint = { clientKey: 'abcdefgh1', kind: 'complaint' as const, category: 'timing' as const, content: '司机迟到了二十分钟，没有提前通知' };
  it('a complaint needs a kind, a category and 10–500 characters; the phone is optional but must be a mobile number', () => {
    expect(complaintRequestProblems(complaint)).toEqual([]);
    expect(complaintRequestProblems({ ...complaint, content: '太慢了' }).map((e) => e.field)).toEqual(['content']);
    expect(complaintRequestProblems({ ...complaint, content: '慢'.repeat(501) }).map((e) => e.field)).toEqual(['content']);
    expect(complaintRequestProblems({ ...complaint, kind: 'praise' as never, category: 'food' as never }).map((e) => e.field)).toEqual(['kind', 'category']);
    expect(complaintRequestProblems({ ...complaint, contactPhone: '12345' }).map((e) => e.field)).toEqual(['contactPhone']);
    expect(complaintRequestProblems({ ...complaint, contactPhone: '13800138000', orderId: 9 })).toEqual([]);
  });

  it('replying, resolving and closing need a note for the passenger; accepting does not', () => {
    expect(complaintNoteProblem('accept', undefined)).toBeNull();
    expect(complaintNoteProblem('reply', '  ')).toEqual({ field: 'note', reason: '请填写回复内容' });
    expect(complaintNoteProblem('resolve', '已退还差价')).toBeNull();
    expect(complaintNoteProblem('close', 'x'.repeat(501))?.field).toBe('note');
  });
});

describe('R-6.2.8 a hotline call as logged by customer service', () => {
  const call = { clientKey: 'hl-0123456789abcdef', kind: 'complaint' as const, category: 'attitude' as const, content: '来电反映：司机接站时态度恶劣', contactPhone: '13912345678' };

  it('needs the caller\'s phone (the answer goes back by phone); the order number is optional but well formed', () => {
    expect(hotlineComplaintProblems(call)).toEqual([]);
    expect(hotlineComplaintProblems({ ...call, orderNo: 'DZ2612071200001234' })).toEqual([]);
    expect(hotlineComplaintProblems({ ...call, contactPhone: '' })).toEqual([{ field: 'contactPhone', reason: '请填写来电号码，用于回访' }]);
    expect(hotlineComplaintProblems({ ...call, contactPhone: '12345' }).map((e) => e.field)).toEqual(['contactPhone']);
    expect(hotlineComplaintProblems({ ...call, orderNo: 'dz-1' })).toEqual([{ field: 'orderNo', reason: '订单号应为 8–32 位大写字母或数字' }]);
    // the app's rules hold too
    expect(hotlineComplaintProblems({ ...call, content: '太慢了' }).map((e) => e.field)).toEqual(['content']);
  });
});
