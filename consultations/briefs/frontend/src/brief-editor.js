// The co-authored brief's live editor: ProseMirror bound to a Yjs document (y-prosemirror),
// synced over /ws/codesign/briefs/<session id>/ with y-websocket's provider, which
// reconnects and resyncs by itself and keeps local edits while offline.
// Every visible string comes from data-label-* attributes the server translated.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { ySyncPlugin, yCursorPlugin, yUndoPlugin, undo, redo } from 'y-prosemirror'
import { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { Schema } from 'prosemirror-model'
import { schema as basicSchema } from 'prosemirror-schema-basic'
import { addListNodes, wrapInList, liftListItem, splitListItem } from 'prosemirror-schema-list'
import { keymap } from 'prosemirror-keymap'
import { baseKeymap, toggleMark, setBlockType } from 'prosemirror-commands'
import * as decoding from 'lib0/decoding'

// Another co-author's caret. y-prosemirror's default builder colours it with
// setAttribute('style', …), which the Content-Security-Policy blocks (no inline styles);
// the CSSOM is allowed, and ignores a colour that is not one.
function remoteCursor (user) {
  const cursor = document.createElement('span')
  cursor.classList.add('ProseMirror-yjs-cursor')
  cursor.style.borderColor = user.color
  const label = document.createElement('div')
  label.style.backgroundColor = user.color
  label.textContent = user.name
  cursor.append('\u2060', label, '\u2060')
  return cursor
}

const MESSAGE_EVENT = 100 // our JSON events, see docs/websockets.md
const COLOURS = ['#1b6ac9', '#b3261e', '#1e7b34', '#7a4fb8', '#a05a00', '#00707a']

function start (root) {
  const labels = root.dataset
  const status = root.querySelector('#brief-status')
  const presence = root.querySelector('#brief-presence')
  const mount = root.querySelector('#brief-editor-text')
  const fallback = document.getElementById('brief-text')

  const schema = new Schema({
    nodes: addListNodes(basicSchema.spec.nodes, 'paragraph block*', 'block'),
    marks: basicSchema.spec.marks
  })
  const ydoc = new Y.Doc()
  const fragment = ydoc.getXmlFragment('prosemirror')

  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const path = labels.wsPath.replace(/\/$/, '')
  const cut = path.lastIndexOf('/')
  const provider = new WebsocketProvider(
    `${scheme}://${window.location.host}${path.slice(0, cut)}`,
    `${path.slice(cut + 1)}/`,
    ydoc,
    { params: { lang: labels.lang || 'en' }, disableBc: true }
  )

  let editable = false
  let refused = false
  let lastMessage = ''

  function say (text) {
    if (text && text !== lastMessage) {
      lastMessage = text
      status.textContent = text
    }
  }

  function setEditable (value) {
    editable = value
    view.setProps({ editable: () => editable })
    root.dataset.editable = value ? 'true' : 'false'
  }

  function onEvent ({ event, data }) {
    if (event === 'hello') {
      setEditable(Boolean(data.can_edit) && data.status === 'drafting')
      if (data.status !== 'drafting') say(labels.labelReadOnly)
    } else if (event === 'brief.status') {
      if (data.status !== 'drafting') {
        setEditable(false)
        say(labels.labelReadOnly)
      }
    } else if (event === 'error') {
      if (data.code === 'read_only') setEditable(false)
      say(data.detail)
    }
  }

  provider.messageHandlers[MESSAGE_EVENT] = (encoder, decoder) => {
    try {
      onEvent(JSON.parse(decoding.readVarString(decoder)))
    } catch (error) {
      console.warn('brief: unreadable event', error)
    }
  }

  provider.on('status', ({ status: state }) => {
    root.dataset.connection = state
    if (refused) return
    if (state === 'connected') say(labels.labelConnected)
    else if (state === 'disconnected') say(labels.labelOffline)
    else say(labels.labelConnecting)
  })
  provider.on('closed', () => {
    // 44xx from the server: permission withdrawn or no such brief; do not retry.
    refused = true
    setEditable(false)
    say(labels.labelRefused)
  })
  provider.on('sync', (synced) => {
    root.dataset.synced = synced ? 'true' : 'false'
    if (synced && fallback) fallback.hidden = true
  })

  provider.awareness.setLocalStateField('user', {
    name: labels.name || '',
    color: COLOURS[ydoc.clientID % COLOURS.length]
  })

  function renderPresence () {
    const names = new Set()
    provider.awareness.getStates().forEach((state) => {
      if (state && state.user && state.user.name) names.add(state.user.name)
    })
    presence.replaceChildren(...[...names].sort().map((name) => {
      const item = document.createElement('li')
      item.textContent = name
      return item
    }))
  }
  provider.awareness.on('change', renderPresence)

  const listItem = schema.nodes.list_item
  const view = new EditorView(mount, {
    state: EditorState.create({
      schema,
      plugins: [
        ySyncPlugin(fragment),
        yCursorPlugin(provider.awareness, { cursorBuilder: remoteCursor }),
        yUndoPlugin(),
        keymap({
          'Mod-z': undo,
          'Mod-y': redo,
          'Mod-Shift-z': redo,
          'Mod-b': toggleMark(schema.marks.strong),
          'Mod-i': toggleMark(schema.marks.em),
          Enter: splitListItem(listItem),
          'Shift-Tab': liftListItem(listItem)
        }),
        keymap(baseKeymap)
      ]
    }),
    editable: () => editable,
    attributes: {
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': labels.labelEditor,
      class: 'brief-editor__prosemirror'
    }
  })

  const commands = {
    strong: () => toggleMark(schema.marks.strong),
    em: () => toggleMark(schema.marks.em),
    heading: () => setBlockType(schema.nodes.heading, { level: 1 }),
    paragraph: () => setBlockType(schema.nodes.paragraph),
    bullet_list: () => wrapInList(schema.nodes.bullet_list),
    ordered_list: () => wrapInList(schema.nodes.ordered_list),
    undo: () => undo,
    redo: () => redo,
    link: () => {
      const href = window.prompt(labels.labelLinkPrompt || '', 'https://')
      if (!href || !/^(https?:\/\/|mailto:)/i.test(href)) return () => false
      return toggleMark(schema.marks.link, { href })
    }
  }
  root.querySelectorAll('[data-command]').forEach((button) => {
    button.addEventListener('click', () => {
      const make = commands[button.dataset.command]
      if (!make || !editable) return
      make()(view.state, view.dispatch, view)
      view.focus()
    })
  })

  root.hidden = false
  say(labels.labelConnecting)
  window.briefEditor = { ydoc, provider, view, text: () => fragment.toString() }
}

function boot () {
  const root = document.getElementById('brief-editor')
  if (root) start(root)
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot)
else boot()
