import {
  InvalidTransitionError, ORDER_EVENTS, ORDER_MACHINE, ORDER_STATUSES, SEAT_HOLDING_TICKET_STATUSES, TICKET_EVENTS, TICKET_MACHINE,
  canApply, nextState, orderRequestProblems, type OrderCreateRequest,
} from './order';

describe('R-6.2.4 order and ticket state machines', () => {
  it('an order is created awaiting payment and leaves it only by a named event', () => {
    expect(ORDER_MACHINE.initial).toBe('pending_payment');
    expect(nextState(ORDER_MACHINE, 'pending_payment', 'PASSENGER_CANCELLED')).toBe('cancelled');
    expect(nextState(ORDER_MACHINE, 'pending_payment', 'HOLD_EXPIRED')).toBe('expired');
    expect(nextState(ORDER_MACHINE, 'pending_payment', 'PAYMENT_SUCCEEDED')).toBe('paid');
  });

  it('a cancelled trip cancels unpaid orders and sends paid ones to refund', () => {
    expect(nextState(ORDER_MACHINE, 'pending_payment', 'TRIP_CANCELLED')).toBe('cancelled');
    expect(nextState(ORDER_MACHINE, 'paid', 'TRIP_CANCELLED')).toBe('refunding');
  });

  it('a payment that arrives after the hold expired goes to refund, never to paid', () => {
    expect(nextState(ORDER_MACHINE, 'expired', 'PAYMENT_SUCCEEDED')).toBe('refunding');
  });

  it('refuses moves the machine does not name, and final states accept nothing but a late payment', () => {
    expect(() => nextState(ORDER_MACHINE, 'cancelled', 'PASSENGER_CANCELLED')).toThrow(InvalidTransitionError);
    expect(() => nextState(ORDER_MACHINE, 'paid', 'HOLD_EXPIRED')).toThrow(/not allowed in state paid/);
    for (const state of ORDER_MACHINE.final) {
      const allowed = ORDER_EVENTS.filter((e) => canApply(ORDER_MACHINE, state, e));
      expect(allowed.every((e) => e === 'PAYMENT_SUCCEEDED')).toBe(true);
    }
  });

  it('every transition leads to a known state', () => {
    for (const e of ORDER_EVENTS) for (const to of Object.values(ORDER_MACHINE.transitions[e])) expect(ORDER_STATUSES).toContain(to);
    for (const e of TICKET_EVENTS) for (const [from, to] of Object.entries(TICKET_MACHINE.transitions[e])) {
      expect(TICKET_MACHINE.final).not.toContain(from);
      expect(to).toBeDefined();
    }
  });

  it('a held ticket is issued on payment or released; released tickets hold no seat', () => {
    expect(nextState(TICKET_MACHINE, 'held', 'PAID')).toBe('issued');
    expect(nextState(TICKET_MACHINE, 'held', 'RELEASED')).toBe('released');
    expect(SEAT_HOLDING_TICKET_STATUSES).toContain('held');
    expect(SEAT_HOLDING_TICKET_STATUSES).not.toContain('released');
    expect(SEAT_HOLDING_TICKET_STATUSES).not.toContain('refunded');
  });
});

describe('R-6.2.3 booking request checks', () => {
  const valid: OrderCreateRequest = {
    clientKey: 'k-0123456789', tripId: 7, mode: 'fixed', fromSeq: 1, toSeq: 3,
    riders: [{ riderId: 1, ticketType: 'adult' }], contactPhone: '13800138000',
  };

  it('accepts a complete fixed-stop request', () => {
    expect(orderRequestProblems(valid)).toEqual([]);
  });

  it('names each bad field with a reason', () => {
    const errors = orderRequestProblems({ ...valid, clientKey: 'short', toSeq: 1, contactPhone: '12345', riders: [{ riderId: 1, ticketType: 'adult' }, { riderId: 1, ticketType: 'adult' }] });
    expect(errors.map((e) => e.field).sort()).toEqual(['clientKey', 'contactPhone', 'riders.1.riderId', 'toSeq']);
    expect(errors.find((e) => e.field === 'riders.1.riderId')?.reason).toBe('同一乘车人不能重复选择');
  });

  it('door to door needs both points on the map', () => {
    const errors = orderRequestProblems({ ...valid, mode: 'door', fromSeq: undefined, toSeq: undefined, pickup: { lng: 114.03, lat: 22.61 } });
    expect(errors).toEqual([{ field: 'dropoff', reason: '请在地图上选择下车地点' }]);
  });

  it('refuses an order without riders or with more than nine', () => {
    expect(orderRequestProblems({ ...valid, riders: [] })[0].field).toBe('riders');
    const many = Array.from({ length: 10 }, (_, i) => ({ riderId: i + 1, ticketType: 'adult' as const }));
    expect(orderRequestProblems({ ...valid, riders: many }).map((e) => e.reason)).toContain('一个订单最多 9 位乘车人');
  });
});
