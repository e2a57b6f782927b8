# The SES v2 emulator, installed when the image is built (never fetched at start-up).
FROM node:24-bookworm-slim
RUN npm install --global --no-audit --no-fund aws-ses-v2-local@2.10.2 && npm cache clean --force
USER node
EXPOSE 8005
CMD ["aws-ses-v2-local", "--port", "8005", "--host", "0.0.0.0"]
