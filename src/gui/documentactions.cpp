#include "gui/documentactions.h"

#include "gui/activitymodel.h"
#include "gui/clipboard.h"
#include "gui/dialoghooks.h"
#include "gui/errorbanner.h"
#include "gui/jobview.h"
#include "gui/lookupform.h"
#include "gui/querybar.h"

#include "core/output/jobexporter.h"
#include "core/output/queryexporter.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QStandardPaths>
#include <QTabWidget>

#include <utility>

namespace jobdesk::gui {

using codepipeline::JobDocument;
using codepipeline::LookupInfo;
using output::JobExporter;
using output::QueryExporter;

DocumentActions::DocumentActions(QWidget *window, const DialogHooks *hooks, QTabWidget *documents, ErrorBanner *banner,
                                 const LookupForm *form, QObject *parent)
    : QObject(parent), m_window(window), m_hooks(hooks), m_documents(documents), m_banner(banner), m_form(form)
{
}

JobView *DocumentActions::currentView() const
{
    return qobject_cast<JobView *>(m_documents->currentWidget());
}

void DocumentActions::exportJson()
{
    exportTo(false);
}

void DocumentActions::exportJsonWithSecrets()
{
    exportTo(true);
}

void DocumentActions::exportTo(bool includeSecrets)
{
    JobView *view = currentView();
    if (!view)
        return;
    if (includeSecrets
        && !m_hooks->askToConfirm(
            m_window,
            tr("The file will hold the artifact credentials and every masked configuration value in plain "
               "text. Anyone who gets the file can use the credentials until they expire. Export with "
               "secrets?")))
        return;
    const QString path = savePath(QStringLiteral("job-%1.json").arg(view->document().jobId()));
    if (path.isEmpty())
        return;
    JobExporter::Options options;
    options.includeSecrets = includeSecrets;
    options.maskedConfigurationKeys = view->maskedConfigurationKeys();
    options.activity = view->activityModel()->entries();
    if (const Status written = JobExporter::writeFile(path, view->document(), options); !written) {
        m_hooks->showMessage(m_window, tr("Export failed"), written.error().message);
        return;
    }
    Q_EMIT statusMessage(includeSecrets
                             ? tr("Exported %1 with secrets.").arg(path)
                             : tr("Exported %1; secrets were replaced by %2.").arg(path, JobExporter::placeholder()),
                         8000);
}

QString DocumentActions::savePath(const QString &suggestedName)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(dir).filePath(suggestedName);
    if (m_hooks->saveFileName)
        return m_hooks->saveFileName(suggested);
    return QFileDialog::getSaveFileName(m_window, tr("Export Job JSON"), suggested, tr("JSON (*.json)"));
}

void DocumentActions::exportQueryResult()
{
    exportQueryTo(false);
}

void DocumentActions::exportQueryResultWithSecrets()
{
    exportQueryTo(true);
}

void DocumentActions::exportQueryTo(bool includeSecrets)
{
    JobView *view = currentView();
    if (!view || !view->queryBar()->expression())
        return;
    if (includeSecrets
        && !m_hooks->askToConfirm(m_window,
                                  tr("The file will hold in plain text whatever secrets the query selects: artifact "
                                     "credentials, masked configuration values. Anyone who gets the file can use "
                                     "the credentials until they expire. Export with secrets?")))
        return;
    const QString path = savePath(QStringLiteral("job-%1-query.json").arg(view->document().jobId()));
    if (path.isEmpty())
        return;
    // Evaluated again here, so the file holds secrets only when this action asked for them,
    // whatever the bar shows.
    const query::Expression expression = *view->queryBar()->expression();
    QueryExporter::Options options;
    options.includeSecrets = includeSecrets;
    options.maskedConfigurationKeys = view->maskedConfigurationKeys();
    if (const Status written = QueryExporter::writeFile(path, expression, view->document(), options); !written) {
        m_hooks->showMessage(m_window, tr("Export failed"), written.error().message);
        return;
    }
    view->queryBar()->remember();
    Q_EMIT statusMessage(
        includeSecrets
            ? tr("Exported the query result to %1 with secrets.").arg(path)
            : tr("Exported the query result to %1; secrets were replaced by %2.").arg(path, JobExporter::placeholder()),
        8000);
}

void DocumentActions::copyJson()
{
    JobView *view = currentView();
    if (!view)
        return;
    JobExporter::Options options;
    options.maskedConfigurationKeys = view->maskedConfigurationKeys();
    Clipboard::copyText(QString::fromUtf8(JobExporter::json(view->document(), options)));
    Q_EMIT statusMessage(tr("Copied the job's JSON; secrets were replaced by %1.").arg(JobExporter::placeholder()),
                         5000);
}

void DocumentActions::copyCliCommand()
{
    JobView *view = currentView();
    if (!view)
        return;
    LookupInfo lookup = view->document().lookup();
    if (lookup.jobId.isEmpty())
        lookup.jobId = view->document().jobId();
    if (lookup.region.isEmpty())
        lookup.region = m_form->request().region;
    if (const auto &expression = view->queryBar()->expression()) {
        const QString text = QString::fromStdString(expression->text());
        const QString command = QueryExporter::cliCommand(lookup, text);
        // A secret typed into the query as a literal must not reach clipboard histories.
        if (view->queryBar()->holdsSecret(text))
            Clipboard::copySecret(Secret(command));
        else
            Clipboard::copyText(command);
        view->queryBar()->remember();
    } else {
        Clipboard::copyText(JobExporter::cliCommand(lookup));
    }
    Q_EMIT statusMessage(
        tr("Copied the AWS CLI command; put the client token in place of %1.").arg(JobExporter::tokenPlaceholder()),
        5000);
}

void DocumentActions::openFile()
{
    QString path;
    if (m_hooks->openFileName)
        path = m_hooks->openFileName();
    else
        path =
            QFileDialog::getOpenFileName(m_window, tr("Open Job JSON"), QString(), tr("JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_hooks->showMessage(m_window, tr("Cannot open the file"),
                             tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    auto doc = JobDocument::fromJsonText(file.read(16 * 1024 * 1024), JobDocument::Origin::Opened, path);
    if (!doc) {
        Error e = doc.error();
        e.message = tr("%1: %2").arg(QFileInfo(path).fileName(), e.message);
        m_banner->showError(e);
        return;
    }
    load(std::move(doc));
}

void DocumentActions::pasteJson()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    const QString text = mime ? mime->text() : QString();
    if (text.trimmed().isEmpty()) {
        m_banner->showError(Error::make(Error::Kind::Io, QStringLiteral("ClipboardEmpty"),
                                        tr("The clipboard holds no text."),
                                        tr("Copy the output of \"aws codepipeline get-third-party-job-details\" "
                                           "first.")));
        return;
    }
    auto doc = JobDocument::fromJsonText(text.toUtf8(), JobDocument::Origin::Pasted, QString());
    if (!doc) {
        m_banner->showError(doc.error());
        return;
    }
    load(std::move(doc));
}

void DocumentActions::load(Result<JobDocument> document)
{
    m_banner->dismiss();
    Q_EMIT documentLoaded(document.value());
    document.value().wipe();
}

}  // namespace jobdesk::gui
