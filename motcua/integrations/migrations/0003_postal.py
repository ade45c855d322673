"""The public postal service: motcua's orders and their journey, and the demo operator's books."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0008_vietnamese_field_names"),
        ("integrations", "0002_portal"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DemoPostSwitch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "failure",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Hoạt động bình thường"),
                            ("500", "Lỗi máy chủ (HTTP 500)"),
                            ("timeout", "Không trả lời (quá thời gian chờ)"),
                            ("malformed", "Trả lời sai định dạng"),
                        ],
                        help_text="Cách bưu điện demo trả lời mọi yêu cầu API.",
                        max_length=10,
                        verbose_name="giả lập sự cố",
                    ),
                ),
                (
                    "push_enabled",
                    models.BooleanField(
                        default=True,
                        help_text="Tắt để giả lập mất tin đẩy: motcua chỉ còn biết qua tra cứu.",
                        verbose_name="đẩy trạng thái sang motcua",
                    ),
                ),
            ],
            options={
                "verbose_name": "công tắc bưu điện demo",
                "verbose_name_plural": "công tắc bưu điện demo",
            },
        ),
        migrations.CreateModel(
            name="DemoShipment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "client_id",
                    models.CharField(
                        help_text="Mã khách hàng.", max_length=40, verbose_name="khách hàng"
                    ),
                ),
                (
                    "client_reference",
                    models.CharField(
                        help_text="Chống tạo trùng.",
                        max_length=40,
                        verbose_name="mã yêu cầu của khách hàng",
                    ),
                ),
                (
                    "tracking_code",
                    models.CharField(
                        help_text="Do bưu điện demo cấp.",
                        max_length=40,
                        unique=True,
                        verbose_name="mã bưu gửi",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("pickup", "Thu gom hồ sơ tại nhà người nộp"),
                            ("delivery", "Phát kết quả đến người nhận"),
                        ],
                        help_text="Thu gom/phát.",
                        max_length=10,
                        verbose_name="chiều",
                    ),
                ),
                (
                    "recipient_name",
                    models.CharField(
                        help_text="Họ tên.", max_length=255, verbose_name="người nhận"
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        help_text="Số điện thoại.", max_length=20, verbose_name="điện thoại"
                    ),
                ),
                (
                    "address",
                    models.CharField(help_text="Địa chỉ.", max_length=255, verbose_name="địa chỉ"),
                ),
                (
                    "item",
                    models.CharField(
                        help_text="Nội dung khai báo.", max_length=255, verbose_name="nội dung"
                    ),
                ),
                (
                    "cod_amount",
                    models.DecimalField(
                        decimal_places=0,
                        default=0,
                        help_text="Đồng.",
                        max_digits=14,
                        verbose_name="thu hộ",
                    ),
                ),
                (
                    "zone",
                    models.CharField(
                        help_text="urban, rural, island.", max_length=10, verbose_name="vùng cước"
                    ),
                ),
                (
                    "fee",
                    models.DecimalField(
                        decimal_places=0, help_text="Đồng.", max_digits=14, verbose_name="cước"
                    ),
                ),
                (
                    "callback_url",
                    models.URLField(
                        blank=True,
                        help_text="Của khách hàng.",
                        max_length=500,
                        verbose_name="địa chỉ nhận tin đẩy",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Chờ gửi sang bưu điện"),
                            ("accepted", "Bưu điện đã nhận yêu cầu"),
                            ("in_transit", "Đang vận chuyển"),
                            ("delivered", "Đã phát thành công"),
                            ("failed", "Phát không thành công"),
                            ("cancelled", "Đã hủy"),
                        ],
                        help_text="Hiện tại.",
                        max_length=12,
                        verbose_name="trạng thái",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(help_text="Lúc nhận yêu cầu.", verbose_name="nhận lúc"),
                ),
            ],
            options={
                "verbose_name": "bưu gửi (bưu điện demo)",
                "verbose_name_plural": "bưu gửi (bưu điện demo)",
                "ordering": ["-created_at", "-id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("client_id", "client_reference"), name="demo_post_reference_once"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PostalOrder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("pickup", "Thu gom hồ sơ tại nhà người nộp"),
                            ("delivery", "Phát kết quả đến người nhận"),
                        ],
                        default="delivery",
                        help_text="Thu gom hồ sơ hay phát kết quả.",
                        max_length=10,
                        verbose_name="chiều bưu gửi",
                    ),
                ),
                (
                    "operator",
                    models.CharField(
                        help_text="Mã plugin của doanh nghiệp bưu chính (POSTAL_OPERATOR).",
                        max_length=30,
                        verbose_name="doanh nghiệp bưu chính",
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        help_text="Mã motcua gửi kèm yêu cầu; bưu điện dùng nó để không tạo trùng bưu gửi.",
                        max_length=40,
                        unique=True,
                        verbose_name="mã yêu cầu của motcua",
                    ),
                ),
                (
                    "recipient_name",
                    models.CharField(
                        help_text="Họ tên người nhận (hoặc người giao hồ sơ).",
                        max_length=255,
                        verbose_name="người nhận",
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        help_text="Điện thoại người nhận.",
                        max_length=20,
                        verbose_name="số điện thoại",
                    ),
                ),
                (
                    "address",
                    models.CharField(
                        help_text="Địa chỉ phát hoặc thu gom.",
                        max_length=255,
                        verbose_name="địa chỉ",
                    ),
                ),
                (
                    "item",
                    models.CharField(
                        help_text="Nội dung khai báo của bưu gửi.",
                        max_length=255,
                        verbose_name="nội dung bưu gửi",
                    ),
                ),
                (
                    "cod_amount",
                    models.DecimalField(
                        decimal_places=0,
                        default=0,
                        help_text="Số tiền bưu điện thu hộ khi phát (COD), nếu có.",
                        max_digits=14,
                        verbose_name="tiền thu hộ (đồng)",
                    ),
                ),
                (
                    "fee",
                    models.DecimalField(
                        blank=True,
                        decimal_places=0,
                        help_text="Cước do bưu điện báo khi nhận yêu cầu.",
                        max_digits=14,
                        null=True,
                        verbose_name="cước bưu chính (đồng)",
                    ),
                ),
                (
                    "tracking_code",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        help_text="Số hiệu bưu gửi do bưu điện cấp, dùng để tra cứu.",
                        max_length=40,
                        verbose_name="mã bưu gửi",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Chờ gửi sang bưu điện"),
                            ("accepted", "Bưu điện đã nhận yêu cầu"),
                            ("in_transit", "Đang vận chuyển"),
                            ("delivered", "Đã phát thành công"),
                            ("failed", "Phát không thành công"),
                            ("cancelled", "Đã hủy"),
                        ],
                        db_index=True,
                        default="pending",
                        help_text="Không bao giờ lùi lại.",
                        max_length=12,
                        verbose_name="trạng thái",
                    ),
                ),
                (
                    "failure_reason",
                    models.CharField(
                        blank=True,
                        help_text="Theo bưu điện.",
                        max_length=500,
                        verbose_name="lý do phát không thành công",
                    ),
                ),
                (
                    "last_error",
                    models.CharField(
                        blank=True,
                        help_text="Lỗi lần gửi yêu cầu hoặc tra cứu gần nhất; trống khi thành công.",
                        max_length=500,
                        verbose_name="lỗi kết nối gần nhất",
                    ),
                ),
                (
                    "return_error",
                    models.CharField(
                        blank=True,
                        help_text="Khi đã phát thành công nhưng chưa ghi được việc trả kết quả của hồ sơ.",
                        max_length=500,
                        verbose_name="lỗi ghi trả kết quả",
                    ),
                ),
                (
                    "attempts",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="Số lần đã gửi yêu cầu sang bưu điện.",
                        verbose_name="số lần gửi",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        help_text="Lúc lập yêu cầu.", verbose_name="thời điểm lập"
                    ),
                ),
                (
                    "accepted_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Lúc bưu điện xác nhận.",
                        null=True,
                        verbose_name="bưu điện nhận lúc",
                    ),
                ),
                (
                    "finished_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Lúc phát thành công, không thành công hoặc hủy.",
                        null=True,
                        verbose_name="kết thúc lúc",
                    ),
                ),
                (
                    "polled_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Lần tra cứu gần nhất.",
                        null=True,
                        verbose_name="tra cứu lần cuối",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        help_text="Cán bộ Một cửa lập yêu cầu; trả kết quả được ghi nhân danh người này.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người tạo",
                    ),
                ),
                (
                    "dossier",
                    models.ForeignKey(
                        help_text="Hồ sơ được thu gom hoặc có kết quả được phát qua bưu chính.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="postal_orders",
                        to="dossiers.dossier",
                        verbose_name="hồ sơ",
                    ),
                ),
            ],
            options={
                "verbose_name": "yêu cầu bưu chính công ích",
                "verbose_name_plural": "yêu cầu bưu chính công ích",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="PostalEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "event_id",
                    models.CharField(
                        help_text="Mã sự kiện do bưu điện cấp.",
                        max_length=60,
                        verbose_name="mã sự kiện",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Chờ gửi sang bưu điện"),
                            ("accepted", "Bưu điện đã nhận yêu cầu"),
                            ("in_transit", "Đang vận chuyển"),
                            ("delivered", "Đã phát thành công"),
                            ("failed", "Phát không thành công"),
                            ("cancelled", "Đã hủy"),
                        ],
                        help_text="Trạng thái báo.",
                        max_length=12,
                        verbose_name="trạng thái",
                    ),
                ),
                (
                    "at",
                    models.DateTimeField(
                        help_text="Lúc sự việc xảy ra, theo bưu điện.", verbose_name="thời điểm"
                    ),
                ),
                (
                    "place",
                    models.CharField(
                        blank=True,
                        help_text="Bưu cục, nơi phát.",
                        max_length=255,
                        verbose_name="nơi",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Lý do, ghi chú.",
                        max_length=500,
                        verbose_name="ghi chú",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("push", "Bưu điện gửi sang"),
                            ("pull", "motcua tra cứu"),
                            ("local", "Ghi nhận tại motcua"),
                        ],
                        help_text="Đẩy sang hay tra cứu.",
                        max_length=5,
                        verbose_name="nguồn",
                    ),
                ),
                (
                    "received_at",
                    models.DateTimeField(
                        help_text="Lúc motcua ghi nhận.", verbose_name="motcua nhận lúc"
                    ),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="integrations.postalorder",
                        verbose_name="yêu cầu",
                    ),
                ),
            ],
            options={
                "verbose_name": "hành trình bưu gửi",
                "verbose_name_plural": "hành trình bưu gửi",
                "ordering": ["at", "id"],
            },
        ),
        migrations.CreateModel(
            name="DemoShipmentEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "sequence",
                    models.PositiveIntegerField(
                        help_text="1, 2, 3 … trong bưu gửi.", verbose_name="thứ tự"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Chờ gửi sang bưu điện"),
                            ("accepted", "Bưu điện đã nhận yêu cầu"),
                            ("in_transit", "Đang vận chuyển"),
                            ("delivered", "Đã phát thành công"),
                            ("failed", "Phát không thành công"),
                            ("cancelled", "Đã hủy"),
                        ],
                        help_text="Trạng thái.",
                        max_length=12,
                        verbose_name="trạng thái",
                    ),
                ),
                ("at", models.DateTimeField(help_text="Lúc xảy ra.", verbose_name="thời điểm")),
                (
                    "place",
                    models.CharField(
                        blank=True, help_text="Bưu cục.", max_length=255, verbose_name="nơi"
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True, help_text="Lý do.", max_length=500, verbose_name="ghi chú"
                    ),
                ),
                (
                    "pushed_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Lúc khách hàng xác nhận tin đẩy.",
                        null=True,
                        verbose_name="đã đẩy lúc",
                    ),
                ),
                (
                    "push_error",
                    models.CharField(
                        blank=True,
                        help_text="Lỗi lần đẩy gần nhất.",
                        max_length=500,
                        verbose_name="lỗi đẩy",
                    ),
                ),
                (
                    "shipment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="integrations.demoshipment",
                        verbose_name="bưu gửi",
                    ),
                ),
            ],
            options={
                "verbose_name": "hành trình (bưu điện demo)",
                "verbose_name_plural": "hành trình (bưu điện demo)",
                "ordering": ["shipment", "sequence"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("shipment", "sequence"), name="demo_post_event_seq"
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="postalorder",
            constraint=models.UniqueConstraint(
                condition=models.Q(("tracking_code", ""), _negated=True),
                fields=("operator", "tracking_code"),
                name="postal_order_tracking_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="postalevent",
            constraint=models.UniqueConstraint(
                fields=("order", "event_id"), name="postal_event_once"
            ),
        ),
    ]
