#include "cli/progressline.h"

#include <QCoreApplication>

namespace jobdesk::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("jobdesk::cli::ProgressLine", text);
}

}  // namespace

QString ProgressLine::size(qint64 bytes)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

QString ProgressLine::text(const QString &verb, qint64 bytes, qint64 total, qint64 elapsedMs)
{
    QString line =
        total >= 0 ? tr("%1 %2 of %3").arg(verb, size(bytes), size(total)) : tr("%1 %2").arg(verb, size(bytes));
    if (elapsedMs > 0)
        line += QStringLiteral(" (%1/s)").arg(size(qint64(double(bytes) * 1000.0 / double(elapsedMs))));
    return line;
}

void ProgressLine::start(const QString &verb)
{
    m_verb = verb;
    m_started.start();
    m_lastDrawn.invalidate();
}

void ProgressLine::update(qint64 bytes, qint64 total)
{
    if (!m_enabled || !m_started.isValid())
        return;
    const bool last = total >= 0 && bytes >= total;
    if (m_lastDrawn.isValid() && m_lastDrawn.elapsed() < 100 && !last)
        return;
    m_lastDrawn.start();
    const QString line = text(m_verb, bytes, total, m_started.elapsed());
    const int width = int(line.size());
    QByteArray out = '\r' + line.toUtf8();
    if (width < m_width)
        out += QByteArray(m_width - width, ' ');
    m_width = width;
    std::fwrite(out.constData(), 1, std::size_t(out.size()), m_stream);
    std::fflush(m_stream);
}

void ProgressLine::clear()
{
    if (!m_enabled || m_width == 0)
        return;
    const QByteArray out = '\r' + QByteArray(m_width, ' ') + '\r';
    std::fwrite(out.constData(), 1, std::size_t(out.size()), m_stream);
    std::fflush(m_stream);
    m_width = 0;
}

}  // namespace jobdesk::cli
