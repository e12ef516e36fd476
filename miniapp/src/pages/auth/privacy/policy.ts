/**
 * The privacy policy text shown in both apps. Its version is PRIVACY_POLICY_VERSION from
 * @dzky/contracts: the bff asks for consent again whenever that version changes, so a change to
 * what is written here goes together with a new version there.
 */
import type { AppKind } from '../../../env';
import type { Lang } from '../../../i18n';

export interface PolicySection {
  heading: string;
  paragraphs: string[];
  items?: string[];
}

export interface PolicyText {
  title: string;
  intro: string;
  sections: PolicySection[];
}

const zhData: Record<AppKind, string[]> = {
  passenger: [
    '手机号码：用于登录、接收验证码和行程通知，以及司机接送时与您联系。',
    '乘车人姓名及身份证件号码（居民身份证、护照、港澳台居民往来证件等）：道路客运实行实名制，购票和乘车时据此核验身份，一人一座。',
    '位置信息（上车点、下车点，以及在您授权后获取的当前位置）：用于门到门接送时确定接送地点和接送顺序。仅在您使用相关功能并授权后获取，您可以拒绝，拒绝后可手动选择地点。',
    '微信标识（openid，如有则含 unionid）：用于在小程序中识别您的账号。我们不获取您的微信好友、聊天等信息。',
    '订单、支付和退款记录：用于履行运输合同、售后服务和开具发票。',
  ],
  driver: [
    '手机号码：用于登录，以及运营方按手机号将您的账号关联到司机档案。',
    '身份证件号码、驾驶证和从业资格证信息：由运营方录入司机档案，用于依法核验从业资格。',
    '位置信息：执行班次时用于接送乘客、调度，以及依照规定向交通运输主管部门报送运行数据。',
    '微信标识（openid，如有则含 unionid）：用于在小程序中识别您的账号。',
    '排班、行程和验票记录：用于安排和记录您执行的运输任务。',
  ],
};

const enData: Record<AppKind, string[]> = {
  passenger: [
    'Mobile number: to sign in, receive codes and trip notices, and let the driver reach you at pickup.',
    'Names and ID document numbers of riders (resident ID card, passport, Hong Kong/Macao/Taiwan permits): road passenger transport is real-name, so each rider’s identity is checked when booking and boarding, one rider per seat.',
    'Location (pickup and drop-off points, and your current position once you allow it): to fix where you are picked up and dropped off, and the order of pickups. Only read when you use such a feature and allow it; you may refuse and choose a place by hand.',
    'WeChat identifiers (openid, and unionid where given): to recognise your account in the mini-program. We do not read your WeChat contacts or chats.',
    'Order, payment and refund records: to perform the transport contract, after-sales service and invoices.',
  ],
  driver: [
    'Mobile number: to sign in, and for the operator to link your account to your driver record by that number.',
    'ID document number, driving licence and professional qualification: entered by the operator in your driver record, to check your qualification as the law requires.',
    'Location: while you run a trip, for pickups, dispatch and the operating data that must be reported to the transport authorities.',
    'WeChat identifiers (openid, and unionid where given): to recognise your account in the mini-program.',
    'Schedules, trips and ticket checks: to plan and record the transport work you do.',
  ],
};

export function policyText(app: AppKind, lang: Lang): PolicyText {
  if (lang === 'en') {
    return {
      title: app === 'driver' ? 'Privacy Policy — Driver App' : 'Privacy Policy — Intercity Coach',
      intro:
        'This policy explains which personal data the service collects, why, how it is protected, how long it is kept and how you can withdraw your consent. It applies to the mini-program and the web version.',
      sections: [
        { heading: '1. What we collect and why', paragraphs: [], items: enData[app] },
        {
          heading: '2. How we protect it',
          paragraphs: [
            'ID document and phone numbers are stored encrypted and shown masked (e.g. 138****1234) wherever the whole number is not needed; they are never written to logs. Only authorised staff may access them, and every access is recorded in a tamper-evident audit trail.',
          ],
        },
        {
          heading: '3. Who receives it',
          paragraphs: [
            'Only: the licensed operator carrying your trip and its driver (what pickup needs: name, phone, pickup and drop-off points); the transport authorities, as laws and regulations require; the payment provider, to complete a payment. We never sell personal data.',
          ],
        },
        {
          heading: '4. How long we keep it',
          paragraphs: [
            'Orders, real-name travel records and transaction records are kept for at least three years from the completion of the transaction, as the E-Commerce Law of the PRC and the requirements for customized passenger transport platforms demand, and are deleted or anonymised afterwards. Account data is deleted when you close your account, unless the law requires longer.',
          ],
        },
        {
          heading: '5. Your rights and withdrawing consent',
          paragraphs: [
            'You may view, copy and correct your personal data, withdraw this consent or ask to close your account at any time through the customer service channels published by the operator; we answer within the time the law sets. After withdrawal we stop the processing it allowed (processing before the withdrawal stays lawful, and records the law requires are kept for their period), and booking and travel can no longer be offered. In WeChat you can also manage permissions such as location under “··· → Settings”.',
          ],
        },
        {
          heading: '6. Minors',
          paragraphs: ['Children under 14 travel on bookings made by a guardian, who accepts this policy for them.'],
        },
        {
          heading: '7. Changes',
          paragraphs: ['Each change gets a new version; you will be asked to read and accept it the next time you use the service.'],
        },
      ],
    };
  }
  return {
    title: app === 'driver' ? '定制客运司机端隐私政策' : '定制客运隐私政策',
    intro:
      '本政策说明本服务收集哪些个人信息、为什么收集、如何保护、保存多久，以及您如何撤回同意。本政策适用于小程序及网页版。',
    sections: [
      { heading: '一、我们收集哪些信息，为什么收集', paragraphs: [], items: zhData[app] },
      {
        heading: '二、我们如何保护',
        paragraphs: [
          '身份证件号码和手机号码加密存储，在不需要完整号码的页面和接口中脱敏显示（如 138****1234），不写入日志。仅经授权的人员可按需访问，每次访问均记入防篡改的审计日志。',
        ],
      },
      {
        heading: '三、我们向谁提供',
        paragraphs: [
          '仅限于：承运您行程的客运经营者及其司机（接送所需的姓名、手机号码、上下车点）；依照法律法规向交通运输主管部门报送；支付机构（完成支付所需）。我们不会出售您的个人信息。',
        ],
      },
      {
        heading: '四、保存期限',
        paragraphs: [
          '订单、实名乘车记录和交易记录自交易完成之日起至少保存三年（依照《中华人民共和国电子商务法》及定制客运网络平台的相关要求），期满后删除或匿名化处理。账号信息在您注销账号后删除，法律法规另有规定的除外。',
        ],
      },
      {
        heading: '五、您的权利与撤回同意',
        paragraphs: [
          '您可以查阅、复制、更正您的个人信息，也可以随时通过运营方公布的客服渠道撤回本同意或申请注销账号，我们将在法律规定的期限内答复。撤回后我们停止相应的处理（撤回前已进行的处理不受影响，法律要求保存的记录仍按期限保存），同时将无法继续为您提供预订和乘车服务。在微信中，您还可以通过「右上角 ··· → 设置」管理位置等授权。',
        ],
      },
      {
        heading: '六、未成年人',
        paragraphs: ['不满十四周岁的未成年人乘车，应由监护人代为预订，并由监护人同意本政策。'],
      },
      {
        heading: '七、政策更新',
        paragraphs: ['本政策每次更新都会变更版本号，您下次使用时我们会请您重新阅读并同意。'],
      },
    ],
  };
}
