#pragma once

// The "Recent Lookups" dock: the list of past lookups and its Clear button.
// Activating an entry hands it back so that the form can be filled from it.

#include "gui/recentlookupsmodel.h"

#include <QDockWidget>

class QTreeView;

namespace jobdesk::gui {

struct DialogHooks;

class RecentLookupsDock : public QDockWidget
{
    Q_OBJECT

public:
    // The model and hooks must outlive the dock.
    RecentLookupsDock(RecentLookupsModel *recent, const DialogHooks *hooks, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }

public Q_SLOTS:
    // Forgets the list once the person confirms it.
    void clearLookups();

Q_SIGNALS:
    void lookupChosen(const jobdesk::gui::RecentLookup &lookup);
    void activityLogRequested();

private:
    RecentLookupsModel *m_recent;
    const DialogHooks *m_hooks;
    QTreeView *m_view = nullptr;
};

}  // namespace jobdesk::gui
