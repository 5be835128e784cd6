<?xml version="1.0" encoding="utf-8"?>
<!--
  Curio's feed stylesheet (XSLT 1.0). RSS 2.0 and Atom feeds name it in an xml-stylesheet
  instruction, so a browser that opens a feed shows a readable page: what a feed is, the address
  to copy into a feed reader, and the newest items. Feed readers ignore it and read the feed.
  No JavaScript; light and dark styles inline.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">

  <xsl:output method="html" encoding="utf-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="rss"><xsl:value-of select="rss/channel/title"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="atom:feed/atom:title"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="lang">
      <xsl:choose>
        <xsl:when test="rss"><xsl:value-of select="rss/channel/language"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="atom:feed/@xml:lang"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="self">
      <xsl:choose>
        <xsl:when test="rss"><xsl:value-of select="rss/channel/atom:link[@rel = 'self']/@href"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="atom:feed/atom:link[@rel = 'self']/@href"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="page">
      <xsl:choose>
        <xsl:when test="rss"><xsl:value-of select="rss/channel/link"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="atom:feed/atom:link[@rel = 'alternate']/@href"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="string($lang) != ''"><xsl:value-of select="$lang"/></xsl:when>
          <xsl:otherwise>en</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/> (web feed)</title>
        <style>
          :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #4b5563;
            --link: #0b57d0; --rule: #d0d7de; --box: #f3f4f6; }
          @media (prefers-color-scheme: dark) {
            :root { --bg: #121417; --fg: #e6e8eb; --muted: #b3bac3; --link: #8ab4f8;
              --rule: #3a4049; --box: #1d2126; }
          }
          * { box-sizing: border-box; }
          body { margin: 0; background: var(--bg); color: var(--fg);
            font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
          main { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
          a { color: var(--link); text-underline-offset: 0.15em; }
          a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
          h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
          h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
          h3 { font-size: 1.0625rem; margin: 0 0 0.25rem; }
          .about { border: 1px solid var(--rule); background: var(--box); border-radius: 0.5rem;
            padding: 0.75rem 1rem; }
          .about p { margin: 0.5rem 0; }
          .address { display: block; padding: 0.5rem 0.75rem; border: 1px solid var(--rule);
            border-radius: 0.375rem; background: var(--bg); overflow-wrap: anywhere;
            user-select: all; -webkit-user-select: all; font: 0.9375rem/1.5 ui-monospace, monospace; }
          ol { list-style: none; margin: 0; padding: 0; }
          li { border-top: 1px solid var(--rule); padding: 1rem 0; }
          .date { color: var(--muted); font-size: 0.9375rem; margin: 0 0 0.25rem; }
          .summary { margin: 0.25rem 0 0; overflow-wrap: anywhere; }
        </style>
      </head>
      <body>
        <main>
          <p class="date">Web feed</p>
          <h1><xsl:value-of select="$title"/></h1>
          <section class="about" aria-labelledby="about-heading">
            <h2 id="about-heading" style="margin-top: 0">What is this page?</h2>
            <p>This is a web feed (RSS or Atom): a list of the newest scoops that feed readers
              check for you. Subscribe in a feed reader to see new scoops as they are published,
              without visiting the site.</p>
            <p>Copy this address into your feed reader:</p>
            <code class="address"><xsl:value-of select="$self"/></code>
            <xsl:if test="string($page) != ''">
              <p><a href="{$page}">Visit the site’s page for this feed</a></p>
            </xsl:if>
          </section>
          <h2 id="items-heading">Newest scoops</h2>
          <xsl:choose>
            <xsl:when test="rss/channel/item | atom:feed/atom:entry">
              <ol aria-labelledby="items-heading">
                <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p>No scoops yet.</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <xsl:if test="pubDate">
        <!-- RFC 822 as Curio writes it, "Fri, 19 Apr 2019 00:00:00 +0530": the day. -->
        <p class="date"><xsl:value-of select="substring(pubDate, 1, 16)"/></p>
      </xsl:if>
      <xsl:if test="string(description) != ''">
        <!-- An RSS description is HTML; Curio's hold escaped text only: unescape it to show. -->
        <p class="summary">
          <xsl:call-template name="unescape">
            <xsl:with-param name="text" select="string(description)"/>
          </xsl:call-template>
        </p>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <h3>
        <a href="{atom:link[@rel = 'alternate' or not(@rel)][1]/@href}">
          <xsl:value-of select="atom:title"/>
        </a>
      </h3>
      <xsl:if test="atom:published | atom:updated">
        <p class="date">
          <time datetime="{(atom:published | atom:updated)[1]}">
            <xsl:value-of select="substring((atom:published | atom:updated)[1], 1, 10)"/>
          </time>
        </p>
      </xsl:if>
      <xsl:if test="string(atom:summary) != ''">
        <p class="summary"><xsl:value-of select="atom:summary"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- HTML-escaped text back to text: &amp; &lt; &gt; &quot; &#39; are decoded, in one pass. -->
  <xsl:template name="unescape">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&amp;')">
        <xsl:value-of select="substring-before($text, '&amp;')"/>
        <xsl:variable name="rest" select="substring-after($text, '&amp;')"/>
        <xsl:choose>
          <xsl:when test="starts-with($rest, 'amp;')">
            <xsl:text>&amp;</xsl:text>
            <xsl:call-template name="unescape">
              <xsl:with-param name="text" select="substring($rest, 5)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="starts-with($rest, 'lt;')">
            <xsl:text>&lt;</xsl:text>
            <xsl:call-template name="unescape">
              <xsl:with-param name="text" select="substring($rest, 4)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="starts-with($rest, 'gt;')">
            <xsl:text>&gt;</xsl:text>
            <xsl:call-template name="unescape">
              <xsl:with-param name="text" select="substring($rest, 4)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="starts-with($rest, 'quot;')">
            <xsl:text>"</xsl:text>
            <xsl:call-template name="unescape">
              <xsl:with-param name="text" select="substring($rest, 6)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="starts-with($rest, '#39;')">
            <xsl:text>'</xsl:text>
            <xsl:call-template name="unescape">
              <xsl:with-param name="text" select="substring($rest, 5)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>&amp;</xsl:text>
            <xsl:call-template name="unescape">
              <xsl:with-param name="text" select="$rest"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
