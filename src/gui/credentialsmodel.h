#pragma once

// The Credentials tab: the artifact credentials (access key ID, secret access
// key, session token), each masked until the user reveals that one row.

#include "core/codepipeline/jobdocument.h"
#include "core/secret.h"

#include <QAbstractTableModel>
#include <array>

namespace jobdesk::gui {

class CredentialsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FieldColumn, ValueColumn, ColumnCount };
    enum Row { AccessKeyIdRow, SecretAccessKeyRow, SessionTokenRow, RowCount };
    enum Role { RevealedRole = Qt::UserRole + 1, PresentRole };

    explicit CredentialsModel(QObject *parent = nullptr);

    void setDocument(const codepipeline::JobDocument &document);
    bool isEmpty() const;

    const Secret &secret(int row) const;
    bool isRevealed(int row) const;
    void setRevealed(int row, bool revealed);
    void hideAll();
    // Wipes the three values and empties the model (the job tab is closing).
    void wipe();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::array<Secret, RowCount> m_values;
    std::array<bool, RowCount> m_revealed{};
};

}  // namespace jobdesk::gui
