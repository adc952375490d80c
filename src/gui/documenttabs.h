#pragma once

// The window's job documents: one closable tab per job, or a page that says how
// to look one up while there is none. A tab's secrets are scrubbed as it closes.

#include "core/codepipeline/jobdocument.h"

#include <QStackedWidget>

class QTabWidget;

namespace jobdesk::gui {

class JobView;
class SecretKeyPolicy;

class DocumentTabs : public QStackedWidget
{
    Q_OBJECT

public:
    // The policy must outlive the tabs.
    explicit DocumentTabs(SecretKeyPolicy *policy, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    JobView *view(int index) const;
    JobView *currentView() const;

    // Adds a tab for the job and makes it current.
    JobView *open(codepipeline::JobDocument document);
    // Every way a tab closes comes here.
    void close(int index);

Q_SIGNALS:
    // A tab was opened, closed or chosen.
    void changed();

private:
    SecretKeyPolicy *m_policy;
    QTabWidget *m_tabs;
};

}  // namespace jobdesk::gui
