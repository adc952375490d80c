#pragma once

// The window's file and clipboard actions on job documents: export (with or
// without secrets) or the query bar's result, copy as JSON or as an AWS CLI
// command (with --query), open a file, paste.

#include "core/codepipeline/jobdocument.h"

#include <QObject>

class QTabWidget;
class QWidget;

namespace jobdesk::gui {

struct DialogHooks;
class ErrorBanner;
class JobView;
class LookupForm;

class DocumentActions : public QObject
{
    Q_OBJECT

public:
    // Acts on the current tab of documents; dialogs open over window. Every argument must
    // outlive the actions.
    DocumentActions(QWidget *window, const DialogHooks *hooks, QTabWidget *documents, ErrorBanner *banner,
                    const LookupForm *form, QObject *parent = nullptr);

public Q_SLOTS:
    void exportJson();
    void exportJsonWithSecrets();
    // The query bar's result, as JSON; only while the bar holds a valid expression.
    void exportQueryResult();
    void exportQueryResultWithSecrets();
    void copyJson();
    void copyCliCommand();
    void openFile();
    void pasteJson();

Q_SIGNALS:
    // A document was read; it is scrubbed after this returns, so keep a copy.
    void documentLoaded(const jobdesk::codepipeline::JobDocument &document);
    void statusMessage(const QString &text, int timeoutMs);

private:
    JobView *currentView() const;
    void exportTo(bool includeSecrets);
    void exportQueryTo(bool includeSecrets);
    QString savePath(const QString &suggestedName);
    void load(Result<codepipeline::JobDocument> document);

    QWidget *m_window;
    const DialogHooks *m_hooks;
    QTabWidget *m_documents;
    ErrorBanner *m_banner;
    const LookupForm *m_form;
};

}  // namespace jobdesk::gui
