import { useCallback, useEffect, useState } from "react";
import {
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from "antd";
import { SearchOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import {
  ID_TYPE_LABELS,
  validateMobile,
  type AdminPassengerDetail,
  type AdminPassengerRow,
  type AdminRiderView,
  type Page,
} from "@dzky/contracts";
import PageContainer from "../../../components/PageContainer";
import { useProfile } from "../../../session";
import { formatTime } from "../../../utils/time";
import { labelOf } from "../components/labels";
import PassengerOrders from "./components/PassengerOrders";
import { getPassenger, listPassengers } from "./service";

type SearchBy = "phone" | "idNumber";
interface Filters {
  by: SearchBy;
  value?: string;
}

/**
 * 乘客档案: platform staff look a passenger up by a whole phone number or a rider's whole
 * ID number — exact matches through the blind index, never browsing — and see the masked record.
 */
export default function PassengersPage() {
  const { t } = useTranslation();
  const me = useProfile();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<{
    phone?: string;
    idNumber?: string;
  } | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<AdminPassengerRow> | null>(null);
  const [loading, setLoading] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const load = useCallback(async () => {
    if (!query) return;
    setLoading(true);
    try {
      setData(await listPassengers({ ...query, ...paging }));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [query, paging]);

  useEffect(() => {
    void load();
  }, [load]);

  const closeDrawer = useCallback(() => setOpenId(null), []);

  if (me.orgKind !== "platform") {
    return (
      <PageContainer>
        <Result status="403" subTitle={t("archive.passenger.platformOnly")} />
      </PageContainer>
    );
  }

  const search = (v: Filters) => {
    const value = v.value?.trim();
    if (!value) return;
    setQuery(
      v.by === "phone" ? { phone: value } : { idNumber: value.toUpperCase() },
    );
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<AdminPassengerRow> = [
    {
      title: t("archive.passenger.phone"),
      dataIndex: "phone",
      width: 140,
      render: (v: string | null) => v ?? "-",
    },
    {
      title: t("archive.passenger.nickname"),
      dataIndex: "nickname",
      ellipsis: true,
      render: (v: string | null) =>
        v ?? <Typography.Text type="secondary">-</Typography.Text>,
    },
    {
      title: t("archive.passenger.wechat"),
      dataIndex: "wechatBound",
      width: 110,
      render: (v: boolean) =>
        v ? (
          <Tag color="green" bordered={false}>
            {t("archive.passenger.wechatBound")}
          </Tag>
        ) : (
          <Tag bordered={false}>{t("archive.passenger.wechatNotBound")}</Tag>
        ),
    },
    {
      title: t("archive.passenger.ridersCount"),
      dataIndex: "riderCount",
      width: 90,
    },
    {
      title: t("archive.common.status"),
      dataIndex: "enabled",
      width: 90,
      render: (v: boolean) => (
        <Badge
          status={v ? "success" : "default"}
          text={v ? t("archive.common.enabled") : t("archive.common.disabled")}
        />
      ),
    },
    {
      title: t("archive.passenger.registeredAt"),
      dataIndex: "createdAt",
      width: 180,
      render: (v: string) => formatTime(v),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 90,
      fixed: "right",
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
          {t("common.view")}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer>
      <Card variant="borderless" className="dzky-search-card">
        <Form
          form={form}
          layout="inline"
          className="dzky-search-form"
          initialValues={{ by: "phone" }}
          onFinish={search}
        >
          <Row gutter={[24, 16]} style={{ width: "100%" }}>
            <Col xs={24} md={16} xl={12}>
              {/* the noStyle fields below report their errors through this item */}
              <Form.Item
                label={t("archive.passenger.searchBy")}
                style={{ width: "100%" }}
              >
                <Space.Compact style={{ width: "100%" }}>
                  <Form.Item name="by" noStyle>
                    <Select
                      style={{ width: 140 }}
                      aria-label={t("archive.passenger.searchBy")}
                      onChange={() =>
                        form.setFields([{ name: "value", errors: [] }])
                      }
                      options={[
                        { value: "phone", label: t("archive.passenger.phone") },
                        {
                          value: "idNumber",
                          label: t("archive.passenger.riderIdNumber"),
                        },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item
                    name="value"
                    noStyle
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_, v?: string) => {
                          const s = v?.trim() ?? "";
                          if (!s)
                            return Promise.reject(
                              new Error(t("archive.passenger.searchRequired")),
                            );
                          if (getFieldValue("by") === "phone" && validateMobile(s))
                            return Promise.reject(
                              new Error(t("archive.passenger.phoneRule")),
                            );
                          return Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <Input
                      allowClear
                      maxLength={20}
                      placeholder={t("archive.passenger.searchPlaceholder")}
                      aria-label={t("archive.passenger.searchPlaceholder")}
                    />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={12} style={{ textAlign: "right" }}>
              <Space>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setQuery(null);
                    setData(null);
                  }}
                >
                  {t("common.reset")}
                </Button>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SearchOutlined />}
                >
                  {t("common.search")}
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card variant="borderless" title={t("archive.passenger.listTitle")}>
        <Table<AdminPassengerRow>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 860 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  query
                    ? t("archive.passenger.noResult")
                    : t("archive.passenger.emptyText")
                }
              />
            ),
          }}
          pagination={
            data && data.total > paging.pageSize
              ? {
                  current: paging.page,
                  pageSize: paging.pageSize,
                  total: data.total,
                  showTotal: (total) => t("common.total", { total }),
                  onChange: (page, pageSize) => setPaging({ page, pageSize }),
                }
              : false
          }
        />
      </Card>
      <PassengerDrawer id={openId} onClose={closeDrawer} />
    </PageContainer>
  );
}

function PassengerDrawer({
  id,
  onClose,
}: {
  id: number | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<AdminPassengerDetail | null>(null);

  useEffect(() => {
    setDetail(null);
    if (id === null) return;
    let live = true;
    getPassenger(id).then(
      (d) => live && setDetail(d),
      () => live && onClose(),
    );
    return () => {
      live = false;
    };
  }, [id, onClose]);

  const riderColumns: TableColumnsType<AdminRiderView> = [
    {
      title: t("archive.passenger.riderName"),
      dataIndex: "name",
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {r.isSelf && (
            <Tag bordered={false} color="blue">
              {t("archive.passenger.self")}
            </Tag>
          )}
          {r.deleted && (
            <Tag bordered={false}>{t("archive.passenger.deleted")}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: t("archive.passenger.riderIdType"),
      dataIndex: "idType",
      render: (v: AdminRiderView["idType"]) => labelOf(ID_TYPE_LABELS, v),
    },
    {
      title: t("archive.passenger.riderIdNumber"),
      dataIndex: "idNumberMasked",
    },
    {
      title: t("archive.passenger.riderPhone"),
      dataIndex: "phoneMasked",
      render: (v: string | null) => v ?? "-",
    },
    {
      title: t("archive.passenger.riderType"),
      dataIndex: "passengerType",
      render: (v: string) => t(`archive.passenger.type.${v}`),
    },
  ];

  const p = detail?.profile;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={760}
      title={
        p
          ? t("archive.passenger.detailTitle", {
              phone: p.phone ?? p.nickname ?? p.id,
            })
          : t("archive.common.detail")
      }
      destroyOnHidden
    >
      {!detail || !p ? (
        <Spin />
      ) : (
        <Space direction="vertical" size={24} style={{ width: "100%" }}>
          <Descriptions
            title={t("archive.common.basic")}
            column={2}
            size="small"
            bordered
          >
            <Descriptions.Item label={t("archive.passenger.phone")}>
              {p.phone ?? "-"}
            </Descriptions.Item>
            <Descriptions.Item label={t("archive.passenger.nickname")}>
              {p.nickname ?? "-"}
            </Descriptions.Item>
            <Descriptions.Item label={t("archive.passenger.gender")}>
              {p.gender ? t(`archive.common.genders.${p.gender}`) : "-"}
            </Descriptions.Item>
            <Descriptions.Item label={t("archive.passenger.wechat")}>
              {p.wechatBound
                ? t("archive.passenger.wechatBound")
                : t("archive.passenger.wechatNotBound")}
            </Descriptions.Item>
            <Descriptions.Item label={t("archive.passenger.emergencyContact")}>
              {p.emergencyContactName
                ? `${p.emergencyContactName} ${p.emergencyContactPhone ?? ""}`
                : "-"}
            </Descriptions.Item>
            <Descriptions.Item label={t("archive.common.status")}>
              {p.enabled
                ? t("archive.common.enabled")
                : t("archive.common.disabled")}
            </Descriptions.Item>
            <Descriptions.Item label={t("archive.passenger.privacy")}>
              {p.privacyPolicyVersion
                ? `${p.privacyPolicyVersion} · ${formatTime(p.privacyAcceptedAt)}`
                : t("archive.passenger.privacyNone")}
            </Descriptions.Item>
            <Descriptions.Item label={t("archive.passenger.registeredAt")}>
              {formatTime(p.createdAt)}
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>
              {t("archive.passenger.riders")}
            </Typography.Title>
            <Table<AdminRiderView>
              rowKey="id"
              size="small"
              pagination={false}
              columns={riderColumns}
              dataSource={detail.riders}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t("archive.passenger.ridersEmpty")}
                  />
                ),
              }}
            />
          </div>
          <div data-testid="bookings">
            <Typography.Title level={5}>
              {t("order.passenger.title")}
            </Typography.Title>
            <PassengerOrders endUserId={p.id} />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
