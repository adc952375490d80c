#include "gui/archivepreview.h"

#include "core/archive/archivereader.h"

#include <QBuffer>
#include <QEvent>
#include <QFontDatabase>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace jobdesk::gui {

using archive::ArchiveEntry;
using archive::ArchiveReader;
using archive::TextPreview;

namespace {

enum Page { TextPage, ImagePage, NothingPage };

QString noPreview()
{
    return ArchivePreview::tr("No preview for this kind of file");
}

// The image format the bytes start with, from their content alone: artifact names say little.
QByteArray imageFormat(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return QImageReader::imageFormat(&buffer);
}

}  // namespace

ArchivePreview::ArchivePreview(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_info(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_imageLabel(new QLabel(this))
    , m_nothing(new QLabel(this))
{
    m_heading->setObjectName(QStringLiteral("previewHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_info->setObjectName(QStringLiteral("previewInfo"));
    m_info->setTextFormat(Qt::PlainText);
    m_info->setWordWrap(true);

    m_text->setObjectName(QStringLiteral("previewText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Preview of the entry's text"));
    m_text->setTabChangesFocus(true);

    m_imageLabel->setObjectName(QStringLiteral("previewImage"));
    m_imageLabel->setAlignment(Qt::AlignCenter);
    m_imageLabel->setMinimumSize(1, 1);
    m_imageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_imageLabel->setAccessibleName(tr("Preview of the entry's image"));
    m_imageLabel->installEventFilter(this);

    m_nothing->setObjectName(QStringLiteral("previewNothing"));
    m_nothing->setAlignment(Qt::AlignCenter);
    m_nothing->setWordWrap(true);
    m_nothing->setTextFormat(Qt::PlainText);

    m_pages->insertWidget(TextPage, m_text);
    m_pages->insertWidget(ImagePage, m_imageLabel);
    m_pages->insertWidget(NothingPage, m_nothing);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_info);
    layout->addWidget(m_pages, 1);
    showNothing(tr("Choose an entry to preview it."));
}

PreviewContent ArchivePreview::withoutReading(const ArchiveEntry &entry)
{
    PreviewContent content;
    if (entry.isDirectory)
        content.reason = tr("This entry is a folder.");
    else if (entry.isSymlink)
        content.reason = entry.linkTarget.isEmpty() ? tr("This entry is a symbolic link.")
                                                    : tr("This entry is a symbolic link to %1.").arg(entry.linkTarget);
    else if (entry.encrypted)
        content.reason = tr("This entry is encrypted.");
    return content;
}

PreviewContent ArchivePreview::load(const QString &zipPath, const ArchiveEntry &entry)
{
    PreviewContent content = withoutReading(entry);
    if (!content.reason.isEmpty())
        return content;

    auto read = ArchiveReader::read(zipPath, entry.name, TextPreview::Limit);
    if (!read) {
        content.kind = PreviewContent::Kind::Error;
        content.reason = read.error().message;
        return content;
    }
    QByteArray bytes = read.value().bytes;
    const bool truncated = read.value().truncated;
    const QByteArray format = imageFormat(bytes);
    if (!format.isEmpty()) {
        if (truncated && read.value().size > ImageLimit) {
            content.reason = tr("The image is larger than %1.").arg(QLocale().formattedDataSize(ImageLimit));
            return content;
        }
        if (truncated) {
            auto whole = ArchiveReader::read(zipPath, entry.name, ImageLimit);
            if (!whole) {
                content.kind = PreviewContent::Kind::Error;
                content.reason = whole.error().message;
                return content;
            }
            bytes = whole.value().bytes;
        }
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer, format);  // its allocation limit refuses images that would fill memory
        content.image = reader.read();
        if (content.image.isNull()) {
            content.reason = tr("The image could not be decoded: %1").arg(reader.errorString());
            return content;
        }
        content.kind = PreviewContent::Kind::Image;
        return content;
    }

    content.text = TextPreview::decode(bytes, truncated);
    if (content.text.looksBinary) {
        content.text = {};
        content.reason = tr("The entry holds binary data, not text.");
        return content;
    }
    content.kind = PreviewContent::Kind::Text;
    return content;
}

void ArchivePreview::showLoading(const QString &entryName)
{
    m_kind = PreviewContent::Kind::Nothing;
    m_image = {};
    m_heading->setText(entryName);
    m_info->clear();
    m_nothing->setText(tr("Reading the entry…"));
    m_pages->setCurrentIndex(NothingPage);
}

void ArchivePreview::showNothing(const QString &reason)
{
    m_kind = PreviewContent::Kind::Nothing;
    m_image = {};
    m_text->clear();
    m_heading->clear();
    m_info->clear();
    m_nothing->setText(reason);
    m_pages->setCurrentIndex(NothingPage);
}

void ArchivePreview::showContent(const QString &entryName, const PreviewContent &content)
{
    m_kind = content.kind;
    m_heading->setText(entryName);
    m_image = {};
    m_text->clear();
    switch (content.kind) {
    case PreviewContent::Kind::Text: {
        QStringList info{tr("Encoding: %1").arg(content.text.encoding)};
        if (!content.text.isUtf8)
            info.append(tr("This text is not UTF-8; it is shown as %1.").arg(content.text.encoding));
        if (content.text.truncated)
            info.append(tr("Only the first %1 is shown.").arg(QLocale().formattedDataSize(TextPreview::Limit)));
        m_info->setText(info.join(QLatin1Char('\n')));
        m_text->setPlainText(content.text.text);
        m_pages->setCurrentIndex(TextPage);
        break;
    }
    case PreviewContent::Kind::Image:
        m_image = content.image;
        m_info->setText(tr("%1 × %2 pixels").arg(m_image.width()).arg(m_image.height()));
        showImage();
        m_pages->setCurrentIndex(ImagePage);
        break;
    case PreviewContent::Kind::Nothing:
        m_info->setText(content.reason);
        m_nothing->setText(noPreview());
        m_pages->setCurrentIndex(NothingPage);
        break;
    case PreviewContent::Kind::Error:
        m_info->clear();
        m_nothing->setText(tr("The entry could not be read: %1").arg(content.reason));
        m_pages->setCurrentIndex(NothingPage);
        break;
    }
}

QString ArchivePreview::headingText() const
{
    return m_heading->text();
}

QString ArchivePreview::infoText() const
{
    return m_info->text();
}

QString ArchivePreview::messageText() const
{
    return m_pages->currentIndex() == NothingPage ? m_nothing->text() : QString();
}

QString ArchivePreview::text() const
{
    return m_text->toPlainText();
}

void ArchivePreview::showImage()
{
    if (m_image.isNull()) {
        m_imageLabel->clear();
        return;
    }
    // Scaled down to the pane, never up: a small icon stays sharp.
    const QSize room = m_imageLabel->size();
    if (room.isEmpty())
        return;
    QImage shown = m_image;
    if (m_image.width() > room.width() || m_image.height() > room.height())
        shown = m_image.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    m_imageLabel->setPixmap(QPixmap::fromImage(shown));
}

bool ArchivePreview::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_imageLabel && event->type() == QEvent::Resize)
        showImage();
    return QWidget::eventFilter(watched, event);
}

}  // namespace jobdesk::gui
