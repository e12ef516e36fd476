// Types for `import { payChannel } from './pay-channel'`; the build resolves pay-channel.weapp.ts or pay-channel.h5.ts.
import type { PayChannelApi } from './pay-channel-types';

export declare const payChannel: PayChannelApi;
