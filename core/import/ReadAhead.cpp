#include "ReadAhead.h"

namespace foi {

ReadAhead::ReadAhead(RecordSource &source, size_t recordsPerBatch, size_t depth)
    : m_source(source)
    , m_recordsPerBatch(recordsPerBatch)
    , m_depth(depth)
    , m_thread([this] { run(); })
{}

ReadAhead::~ReadAhead()
{
    finish();
}

void ReadAhead::run()
{
    for (;;) {
        std::unique_ptr<RecordBatch> batch;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stop || !m_free.empty() || m_allocated < m_depth; });
            if (m_stop)
                break;
            if (!m_free.empty()) {
                batch = std::move(m_free.front());
                m_free.pop_front();
            } else {
                batch = std::make_unique<RecordBatch>();
                ++m_allocated;
            }
        }
        batch->clear();
        bool more = true;
        while (batch->size() < m_recordsPerBatch && (more = m_source.next()))
            batch->append(m_source);
        batch->bytesDone = m_source.bytesRead();
        std::lock_guard<std::mutex> lock(m_mutex);
        if (batch->size() > 0)
            m_full.push_back(std::move(batch));
        if (!more) {
            m_ended = true;
            m_changed.notify_all();
            break;
        }
        m_changed.notify_all();
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_ended = true;
    m_changed.notify_all();
}

std::unique_ptr<RecordBatch> ReadAhead::take()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_full.empty() || m_ended; });
    if (m_full.empty())
        return nullptr;
    std::unique_ptr<RecordBatch> batch = std::move(m_full.front());
    m_full.pop_front();
    return batch;
}

void ReadAhead::recycle(std::unique_ptr<RecordBatch> batch)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_free.push_back(std::move(batch));
    m_changed.notify_all();
}

void ReadAhead::finish()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
        m_changed.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace foi
