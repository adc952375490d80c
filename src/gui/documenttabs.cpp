#include "gui/documenttabs.h"

#include "gui/jobview.h"

#include <QLabel>
#include <QTabWidget>

#include <utility>

namespace jobdesk::gui {

using codepipeline::JobDocument;

DocumentTabs::DocumentTabs(SecretKeyPolicy *policy, QWidget *parent)
    : QStackedWidget(parent), m_policy(policy), m_tabs(new QTabWidget(this))
{
    m_tabs->setObjectName(QStringLiteral("documentTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setAccessibleName(tr("Jobs"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &DocumentTabs::changed);

    auto *empty = new QLabel(this);
    empty->setObjectName(QStringLiteral("emptyState"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setText(tr("<p style='font-size:large'>Look up a third-party job</p>"
                      "<p>Enter the job ID and client token from the ticket, then press <b>Fetch</b> "
                      "(Ctrl+Return).<br>Or open or paste the JSON of "
                      "<tt>aws codepipeline get-third-party-job-details</tt> (Ctrl+O, Ctrl+Shift+V).</p>"));
    empty->setTextFormat(Qt::RichText);
    empty->setEnabled(false);
    addWidget(empty);
    addWidget(m_tabs);
    connect(this, &DocumentTabs::changed, this, [this] { setCurrentIndex(m_tabs->count() > 0 ? 1 : 0); });
}

JobView *DocumentTabs::view(int index) const
{
    return qobject_cast<JobView *>(m_tabs->widget(index));
}

JobView *DocumentTabs::currentView() const
{
    return qobject_cast<JobView *>(m_tabs->currentWidget());
}

JobView *DocumentTabs::open(JobDocument document)
{
    auto *view = new JobView(std::move(document), m_policy, m_tabs);
    const QString title = view->document().title();
    const int index = m_tabs->addTab(view, title);
    m_tabs->setTabToolTip(index, view->document().jobId());
    m_tabs->setCurrentIndex(index);
    Q_EMIT changed();
    return view;
}

void DocumentTabs::close(int index)
{
    QWidget *w = m_tabs->widget(index);
    if (!w)
        return;
    // The job's secrets are scrubbed before it is freed.
    if (auto *view = qobject_cast<JobView *>(w))
        view->wipeSecrets();
    m_tabs->removeTab(index);
    delete w;
    Q_EMIT changed();
}

}  // namespace jobdesk::gui
