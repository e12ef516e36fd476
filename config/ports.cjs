// The one port map of the project. Clear of 3306 (MariaDB), 5432 (PostgreSQL), 5672 (RabbitMQ),
// 1883 (Mosquitto), 4222 (NATS) and 6379 (Redis), which the machines already run.
const BASE = {
  bff: 7001,
  admin: 7100,
  passengerH5: 7200,
  driverH5: 7300,
  // sandbox servers, one per external system
  sandboxWechat: 7401,
  sandboxSms: 7402,
  sandboxWechatPay: 7403,
  sandboxOss: 7404,
  sandboxInvoice: 7405,
  sandboxAmap: 7406,
  sandboxRegulator: 7407,
  sandboxLicence: 7408,
};

// DZKY_PORT_OFFSET shifts the whole map, so a second stack (the browser tests) runs beside a
// developer's `npm start` without a port in common.
const offset = Number(process.env.DZKY_PORT_OFFSET || 0);
module.exports = Object.fromEntries(Object.entries(BASE).map(([name, port]) => [name, port + offset]));
