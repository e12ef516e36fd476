import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { maskRiderName, RIDE_CODE_TICKET_STATUSES, type OrderVouchers, type RideVoucherView } from '@dzky/contracts';
import type { EndUserPrincipal } from '../../../common/security/principal';
import { TicketEntity } from '../../booking/entity';
import { ownOrderOf } from '../../booking/service/booking-support';
import { HoldExpiryService } from '../../booking/service/hold-expiry.service';
import { OrderPresenter } from '../../booking/service/order-presenter.service';
import { RideCodeService } from './ride-code.service';

/**
 * 乘车码: the codes of the riders of one of the passenger's own orders. Only issued or
 * checked tickets carry codes; the others are listed without, so the page can say 已退票 and the like.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class VoucherService {
  @Inject() private holds: HoldExpiryService;
  @Inject() private presenter: OrderPresenter;
  @Inject() private rideCodes: RideCodeService;

  async ofOrder(principal: EndUserPrincipal, orderId: number): Promise<OrderVouchers> {
    // another passenger's order answers 404 exactly like a missing one, and a hold that has run out
    // is released before its tickets are listed
    const own = await ownOrderOf(principal.subjectId, orderId);
    await this.holds.expireIfDue([own]);
    const view = await this.presenter.viewOf(own);
    const byId = new Map(view.tickets.map((tk) => [tk.id, tk]));
    const tickets = await TicketEntity.findAll({ where: { orderId: view.id }, order: [['id', 'ASC']] });
    const vouchers: RideVoucherView[] = tickets.map((tk) => {
      const boarding = RIDE_CODE_TICKET_STATUSES.includes(tk.status);
      return {
        ticketId: tk.id,
        ticketNo: tk.ticketNo,
        riderName: tk.riderName,
        idNumberMasked: byId.get(tk.id)?.idNumberMasked ?? '',
        ticketType: tk.ticketType,
        seatNo: tk.seatNo,
        status: tk.status,
        checkCode: boarding ? this.rideCodes.checkCode(tk.ticketNo) : null,
        rideCode: boarding
          ? this.rideCodes.tokenFor({
              ticketNo: tk.ticketNo,
              tripId: tk.tripId,
              orderNo: view.orderNo,
              riderName: maskRiderName(tk.riderName),
              seatNo: tk.seatNo,
              fromSeq: tk.fromSeq,
              toSeq: tk.toSeq,
              departAt: view.departAt,
              // tickets are issued when their order is paid; the time never changes, so neither does the token
              issuedAt: (own.paidAt ?? tk.createdAt).toISOString(),
            })
          : null,
      };
    });
    return { orderId: view.id, orderNo: view.orderNo, tripId: view.tripId, departAt: view.departAt, vouchers };
  }
}
