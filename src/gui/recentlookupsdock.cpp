#include "gui/recentlookupsdock.h"

#include "gui/dialoghooks.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace jobdesk::gui {

RecentLookupsDock::RecentLookupsDock(RecentLookupsModel *recent, const DialogHooks *hooks, QWidget *parent)
    : QDockWidget(tr("Recent Lookups"), parent), m_recent(recent), m_hooks(hooks)
{
    setObjectName(QStringLiteral("recentDock"));
    auto *panel = new QWidget(this);
    m_view = new QTreeView(panel);
    m_view->setObjectName(QStringLiteral("recentView"));
    m_view->setModel(recent);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setAccessibleName(tr("Recent lookups"));
    m_view->setToolTip(tr("Activate an entry to put its job ID, profile and region back into the form"));
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const RecentLookup lookup = m_recent->lookup(index.row());
        if (!lookup.jobId.isEmpty())
            Q_EMIT lookupChosen(lookup);
    });
    auto *clear = new QPushButton(tr("Clear List"), panel);
    clear->setObjectName(QStringLiteral("clearRecent"));
    connect(clear, &QPushButton::clicked, this, &RecentLookupsDock::clearLookups);
    auto *activity = new QPushButton(tr("Activity Log…"), panel);
    activity->setObjectName(QStringLiteral("showActivityLog"));
    activity->setToolTip(tr("Every poll, acknowledgement and result sent with a profile"));
    connect(activity, &QPushButton::clicked, this, &RecentLookupsDock::activityLogRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(activity);
    buttons->addWidget(clear);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    setWidget(panel);
}

void RecentLookupsDock::clearLookups()
{
    if (m_recent->rowCount() == 0)
        return;
    if (!m_hooks->askToConfirm(parentWidget(), tr("Forget all recent lookups?")))
        return;
    m_recent->clear();
}

}  // namespace jobdesk::gui
