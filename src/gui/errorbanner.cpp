#include "gui/errorbanner.h"

#include "gui/theme.h"

#include "core/aws/serviceerror.h"
#include "core/sso/ssosessions.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace jobdesk::gui {

ErrorBanner::ErrorBanner(Style style, QWidget *parent)
    : QFrame(parent)
    , m_style(style)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_requestId(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_signIn(new QPushButton(tr("Sign In Again"), this))
    , m_close(new QToolButton(this))
{
    setObjectName(style == Style::Error ? QStringLiteral("errorBanner") : QStringLiteral("warningBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(style == Style::Error ? tr("Error") : tr("Warning"));

    m_icon->setPixmap(
        QIcon(style == Style::Error ? QStringLiteral(":/icons/error.svg") : QStringLiteral(":/icons/warning.svg"))
            .pixmap(24, 24));
    m_icon->setAlignment(Qt::AlignTop);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setObjectName(QStringLiteral("bannerTitle"));
    m_message->setObjectName(QStringLiteral("bannerMessage"));
    m_requestId->setObjectName(QStringLiteral("bannerRequestId"));
    m_explanation->setObjectName(QStringLiteral("bannerExplanation"));
    for (QLabel *label : {m_title, m_message, m_requestId, m_explanation}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    }
    m_close->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss the message"));
    connect(m_close, &QToolButton::clicked, this, &ErrorBanner::dismiss);
    m_signIn->setObjectName(QStringLiteral("bannerSignIn"));
    m_signIn->setAutoDefault(false);
    m_signIn->hide();
    connect(m_signIn, &QPushButton::clicked, this, [this] {
        dismiss();
        Q_EMIT signInRequested();
    });

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_title);
    text->addWidget(m_message);
    text->addWidget(m_explanation);
    text->addWidget(m_requestId);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_signIn);
    actions->addStretch(1);
    text->addLayout(actions);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    applyColours();
    hide();
}

void ErrorBanner::applyColours()
{
    // Fixed tints that read on both light and dark palettes, picked by the application's lightness.
    const QPalette base = QApplication::palette(this);
    const bool dark = Theme::isDark(base);
    QColor background;
    QColor text;
    if (m_style == Style::Error) {
        background = dark ? QColor(0x5c, 0x1b, 0x1b) : QColor(0xfd, 0xe7, 0xe7);
        text = dark ? QColor(0xff, 0xdc, 0xdc) : QColor(0x6b, 0x10, 0x10);
    } else {
        background = dark ? QColor(0x8b, 0x1a, 0x1a) : QColor(0xc6, 0x28, 0x28);
        text = QColor(0xff, 0xff, 0xff);
    }
    // Already tinted: setting it again would only send another palette change.
    if (palette().color(QPalette::Window) == background && palette().color(QPalette::WindowText) == text)
        return;
    QPalette pal;  // only these roles are the banner's own; the rest follows its parent
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, text);
    pal.setColor(QPalette::Text, text);
    setPalette(pal);
}

void ErrorBanner::changeEvent(QEvent *event)
{
    // A new theme reaches the banner as a change of its parent's palette.
    if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
        applyColours();
    QFrame::changeEvent(event);
}

QString ErrorBanner::explain(const Error &error)
{
    if (!error.hint.isEmpty())
        return error.hint;
    const QString service = aws::ServiceError::explain(error);
    if (!service.isEmpty())
        return service;
    switch (error.kind) {
    case Error::Kind::Network:
        return tr("JobDesk could not reach the endpoint. Check the network, the proxy settings and the endpoint "
                  "address.");
    case Error::Kind::Timeout:
        return tr("The endpoint did not answer in time. Check the network and proxy, or raise the timeouts in "
                  "Settings.");
    case Error::Kind::Tls:
        return tr("The secure connection could not be set up. A proxy that inspects TLS needs its CA certificate "
                  "added as a CA bundle in Settings.");
    case Error::Kind::Credentials: return tr("The selected profile has no usable AWS keys.");
    case Error::Kind::Protocol:
        return tr("The answer could not be understood. The endpoint may not be CodePipeline, or something in "
                  "between changed the answer.");
    case Error::Kind::Validation: return tr("Correct the marked field and fetch again.");
    case Error::Kind::Io: return tr("Check the file and try again.");
    case Error::Kind::Service:
        if (aws::ServiceError::isThrottling(error.code))
            return tr("CodePipeline is limiting the request rate for this account. Wait a moment and fetch again.");
        if (error.httpStatus >= 500)
            return tr("CodePipeline had an internal problem. Fetch again in a moment.");
        return tr("CodePipeline rejected the request.");
    case Error::Kind::Cancelled: return tr("The request was cancelled.");
    }
    return {};
}

void ErrorBanner::showError(const Error &error)
{
    m_error = error;
    QString title = error.code.isEmpty() ? tr("The lookup failed") : error.code;
    if (error.httpStatus > 0)
        title += QStringLiteral(" (HTTP ") + QString::number(error.httpStatus) + QLatin1Char(')');
    m_title->setText(title);
    m_message->setText(error.message);
    m_message->setVisible(!error.message.isEmpty());
    const QString explanation = explain(error);
    m_explanation->setText(explanation);
    m_explanation->setVisible(!explanation.isEmpty());
    if (error.requestId.isEmpty()) {
        m_requestId->clear();
        m_requestId->hide();
    } else {
        m_requestId->setText(tr("Request ID: %1").arg(error.requestId));
        m_requestId->show();
    }
    m_signIn->setVisible(sso::SsoSessions::needsSignIn(error));
    setAccessibleDescription(title + QLatin1Char(' ') + error.message + QLatin1Char(' ') + explanation);
    show();
}

void ErrorBanner::showText(const QString &title, const QString &text)
{
    m_error = Error();
    m_title->setText(title);
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_explanation->clear();
    m_explanation->hide();
    m_requestId->clear();
    m_requestId->hide();
    m_signIn->hide();
    setAccessibleDescription(title + QLatin1Char(' ') + text);
    show();
}

void ErrorBanner::setClosable(bool closable)
{
    m_close->setVisible(closable);
}

void ErrorBanner::dismiss()
{
    hide();
}

QString ErrorBanner::titleText() const
{
    return m_title->text();
}

QString ErrorBanner::messageText() const
{
    return m_message->text();
}

QString ErrorBanner::requestIdText() const
{
    return m_requestId->text();
}

QString ErrorBanner::explanationText() const
{
    return m_explanation->text();
}

}  // namespace jobdesk::gui
