// JsonTreeModel: a real tree over a JSON document, in the document's order.

#include "gui/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace jobdesk::gui;
using Json = nlohmann::ordered_json;

class TestJsonTreeModel : public QObject
{
    Q_OBJECT

private:
    JsonTreeModel *m_model = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = new JsonTreeModel(this);
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void tree()
    {
        const Json doc = Json::parse(R"({"z":{"b":1,"a":[true,null,"x",{"k":"v"}]},"y":"text","n":2.5})");
        m_model->setJson(doc);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("z"));  // document order, not sorted
        QCOMPARE(m_model->index(1, JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("text"));
        QCOMPARE(m_model->index(2, JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("2.5"));
        const QModelIndex array = m_model->indexForPath(QStringLiteral("z.a"));
        QVERIFY(array.isValid());
        QCOMPARE(m_model->rowCount(array), 4);
        QCOMPARE(m_model->parent(array), m_model->index(0, 0));
        const QModelIndex k = m_model->indexForPath(QStringLiteral("z.a.3.k"));
        QCOMPARE(k.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("v"));
        QCOMPARE(k.data(JsonTreeModel::PathRole).toString(), QStringLiteral("z.a.3.k"));
        QCOMPARE(m_model->indexForPath(QStringLiteral("z.a.1"))
                     .siblingAtColumn(JsonTreeModel::ValueColumn)
                     .data()
                     .toString(),
                 QStringLiteral("null"));
        QVERIFY(!m_model->indexForPath(QStringLiteral("z.missing")).isValid());
    }

    void resetAndClear()
    {
        m_model->setJson(Json::array({1, 2, 3}));
        QCOMPARE(m_model->rowCount(), 3);
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
