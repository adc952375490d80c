#pragma once

// A read-only tree over a JSON document for the Raw tab: objects and arrays
// expand, scalars show their JSON text. Order is the document's own.

#include <QAbstractItemModel>
#include <nlohmann/json.hpp>

#include <memory>
#include <vector>

namespace jobdesk::gui {

class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1 };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    void setJson(const nlohmann::ordered_json &document);
    void clear();
    // Scrubs every key and value text of the tree, then clears it (the job tab is closing).
    // Returns how many strings were shared with another holder and so left unscrubbed.
    int wipe();

    // The index of the node at a dotted path such as "jobDetails.data.inputArtifacts.0.name".
    QModelIndex indexForPath(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node
    {
        QString key;
        QString value;
        QString type;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    static void build(Node *node, const nlohmann::ordered_json &value);
    static void collectTexts(Node *node, QList<QString *> &values, QList<QString *> &keys);
    static int wipe(Node *node);
    Node *nodeFor(const QModelIndex &index) const;

    std::unique_ptr<Node> m_root;
};

}  // namespace jobdesk::gui
