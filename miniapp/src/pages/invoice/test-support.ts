// jsdom lacks TextEncoder/TextDecoder, which a contracts dependency (ed25519) needs when loaded;
// imported first by the tests of these pages
import { TextDecoder, TextEncoder } from 'util';

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder, TextDecoder: globalThis.TextDecoder ?? TextDecoder });
