#pragma once

// The activity log of a profile: every action JobDesk sent with it (polls,
// acknowledgements, results), read from the profile's activity file. Opened
// from the Recent Lookups dock and the Job menu.

#include <QDialog>

class QComboBox;
class QLabel;
class QTableView;

namespace jobdesk::output {
class ActivityFile;
}

namespace jobdesk::gui {

class ActivityModel;
class ProfileListModel;

class ActivityLogDialog : public QDialog
{
    Q_OBJECT

public:
    // The profiles and the file must outlive the dialog.
    ActivityLogDialog(ProfileListModel *profiles, const output::ActivityFile *file, QWidget *parent = nullptr);

    // Shows the log of profile (the first profile when it is not listed) and reads it again.
    void showProfile(const QString &profile);
    void reload();

    ActivityModel *model() const { return m_model; }
    QComboBox *profileCombo() const { return m_profile; }
    QTableView *view() const { return m_view; }
    QString noteText() const;

private:
    const output::ActivityFile *m_file;
    QComboBox *m_profile;
    ActivityModel *m_model;
    QTableView *m_view;
    QLabel *m_note;
};

}  // namespace jobdesk::gui
