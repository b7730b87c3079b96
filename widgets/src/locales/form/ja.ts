import type { FormMessages } from './en';

export const templates = {
  yourRating: 'あなたの評価',
  title: 'タイトル（任意）',
  body: 'レビュー',
  bodyHint: 'Markdownが使えます：**太字**、*斜体*、リスト、リンク。',
  preview: 'プレビュー',
  name: '表示名',
  submit: 'レビューを送信',
  sending: '送信中…',
  thanksPublished: 'ありがとうございます。レビューが公開されました。',
  thanksPending: 'ありがとうございます。ストアの確認後に公開されます。',
  errRating: '1〜5の星で評価を選んでください。',
  errBody: 'ほかのお客様に感想を伝えてください。',
  errName: 'レビューに表示する名前を入力してください。',
  errEmail: 'メールアドレスを入力してください（公開されません）。',
} satisfies FormMessages;
