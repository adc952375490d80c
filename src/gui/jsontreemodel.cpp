#include "gui/jsontreemodel.h"

#include "core/secret.h"

#include <QStringList>

#include <algorithm>

namespace jobdesk::gui {

using Json = nlohmann::ordered_json;

JsonTreeModel::JsonTreeModel(QObject *parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>()) {}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::build(Node *node, const Json &value)
{
    const auto addChild = [node](const QString &key, const Json &child) {
        auto n = std::make_unique<Node>();
        n->key = key;
        n->parent = node;
        n->row = int(node->children.size());
        build(n.get(), child);
        node->children.push_back(std::move(n));
    };
    switch (value.type()) {
    case Json::value_t::object:
        node->type = tr("object");
        node->value = tr("{ %1 }").arg(value.size());
        node->children.reserve(value.size());
        for (auto it = value.begin(); it != value.end(); ++it)
            addChild(QString::fromStdString(it.key()), it.value());
        break;
    case Json::value_t::array: {
        node->type = tr("array");
        node->value = tr("[ %1 ]").arg(value.size());
        node->children.reserve(value.size());
        int i = 0;
        for (const Json &item : value)
            addChild(QString::number(i++), item);
        break;
    }
    case Json::value_t::string: {
        node->type = tr("string");
        const auto &s = value.get_ref<const std::string &>();
        node->value = QString::fromUtf8(s.data(), qsizetype(s.size()));
        break;
    }
    case Json::value_t::boolean:
        node->type = tr("boolean");
        node->value = QString::fromStdString(value.dump());
        break;
    case Json::value_t::null:
        node->type = tr("null");
        node->value = QStringLiteral("null");
        break;
    default:
        node->type = tr("number");
        node->value = QString::fromStdString(value.dump());
        break;
    }
}

void JsonTreeModel::setJson(const Json &document)
{
    beginResetModel();
    wipe(m_root.get());  // the tree shown before may have held revealed secrets
    m_root = std::make_unique<Node>();
    build(m_root.get(), document);
    endResetModel();
}

void JsonTreeModel::clear()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    endResetModel();
}

void JsonTreeModel::collectTexts(Node *node, QList<QString *> &values, QList<QString *> &keys)
{
    values << &node->value;
    keys << &node->key;
    for (const std::unique_ptr<Node> &child : node->children)
        collectTexts(child.get(), values, keys);
}

int JsonTreeModel::wipe(Node *node)
{
    // Any value may be a secret; the keys are the model's member names.
    QList<QString *> values;
    QList<QString *> keys;
    collectTexts(node, values, keys);
    return wipeStrings(values, keys);
}

int JsonTreeModel::wipe()
{
    beginResetModel();
    const int left = wipe(m_root.get());
    m_root = std::make_unique<Node>();
    endResetModel();
    return left;
}

JsonTreeModel::Node *JsonTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::indexForPath(const QString &path) const
{
    QModelIndex current;
    const QStringList parts = path.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const Node *node = nodeFor(current);
        auto it = std::find_if(node->children.cbegin(), node->children.cend(),
                               [&](const std::unique_ptr<Node> &c) { return c->key == part; });
        if (it == node->children.cend())
            return {};
        current = index((*it)->row, 0, current);
    }
    return current;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *p = nodeFor(parent);
    return createIndex(row, column, p->children.at(size_t(row)).get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *node = nodeFor(child);
    Node *p = node->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case KeyColumn: return node->key;
        case ValueColumn: return node->value;
        case TypeColumn: return node->type;
        default: return {};
        }
    case PathRole: {
        QStringList parts;
        for (const Node *n = node; n && n != m_root.get(); n = n->parent)
            parts.prepend(n->key);
        return parts.join(QLatin1Char('.'));
    }
    default: return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case ValueColumn: return tr("Value");
    case TypeColumn: return tr("Type");
    default: return {};
    }
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

}  // namespace jobdesk::gui
