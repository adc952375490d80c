#pragma once

// The archive browser's preview pane: an entry's text (at most 1 MiB, its encoding named),
// an image scaled to fit with its pixel size, or a line saying why there is nothing to show.
// load() reads and decodes the entry; it is meant to run on a worker thread.

#include "core/archive/archiveentry.h"
#include "core/archive/textpreview.h"

#include <QImage>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace jobdesk::gui {

struct PreviewContent
{
    enum class Kind { Text, Image, Nothing, Error };
    Kind kind = Kind::Nothing;
    archive::TextPreview text;
    QImage image;
    QString reason;  // Nothing: why there is no preview; Error: what went wrong
};

class ArchivePreview : public QWidget
{
    Q_OBJECT

public:
    // Images are read whole up to this size; larger ones are not previewed.
    static constexpr qint64 ImageLimit = qint64(32) << 20;

    explicit ArchivePreview(QWidget *parent = nullptr);

    // Reads entry from the zip and decides what to show. Safe on any thread.
    static PreviewContent load(const QString &zipPath, const archive::ArchiveEntry &entry);
    // What to show without reading: a folder, a link, an encrypted entry; else Nothing with no reason.
    static PreviewContent withoutReading(const archive::ArchiveEntry &entry);

    void showContent(const QString &entryName, const PreviewContent &content);
    void showLoading(const QString &entryName);
    void showNothing(const QString &reason);  // no entry, or previews are off for this archive

    PreviewContent::Kind kind() const { return m_kind; }
    QString headingText() const;
    QString infoText() const;     // encoding and notes, the image's size, or why there is no preview
    QString messageText() const;  // the line shown in place of a preview; empty when one is shown
    QString text() const;
    QSize imageSize() const { return m_image.size(); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showImage();

    PreviewContent::Kind m_kind = PreviewContent::Kind::Nothing;
    QImage m_image;
    QLabel *m_heading;
    QLabel *m_info;
    QStackedWidget *m_pages;
    QPlainTextEdit *m_text;
    QLabel *m_imageLabel;
    QLabel *m_nothing;
};

}  // namespace jobdesk::gui
