#!/usr/bin/env bash
# Installs the system packages the tests drive for real: Debian's chromium (browser test, no
# browser download), LibreOffice + poppler (render the .docx export to PNG; convert .doc/.wps files the
# pure reader cannot read) and a CJK font (the OCR tests render scanned pages with it).
# Without root, prints what to install and leaves it to the user; the tests needing them skip.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "noto.*cjk" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "提示：缺少系统软件包 ${need[*]}（浏览器测试与 .docx 渲染测试会跳过）。Debian/Ubuntu 上请运行：sudo apt-get install ${need[*]}"
  exit 0
fi
echo "安装系统软件包：${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "警告：系统软件包安装失败：${need[*]}"
